import FieldVisitServer

print("fieldvisit-server \(ServerInfo.version)")
