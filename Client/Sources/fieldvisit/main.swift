import FieldVisitClient

print("fieldvisit \(ClientInfo.version)")
