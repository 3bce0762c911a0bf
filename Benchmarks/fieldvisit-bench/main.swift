print("fieldvisit-bench")
