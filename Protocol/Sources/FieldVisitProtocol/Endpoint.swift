/// The paths of the sync protocol. The OpenAPI document in `Protocol/openapi.yaml`
/// describes each; a test checks that the server's routes and the document agree.
public enum Endpoint {
    /// `POST`: enrol a device. `DELETE …/current`: revoke the calling device (logout).
    public static let devices = "/v1/devices"
    /// The calling device.
    public static let currentDevice = "/v1/devices/current"
    /// `POST`: a laptop reporting that it erased its store as ordered (`wipe-ordered`).
    public static let wipeReport = "/v1/devices/current/wiped"
    /// `POST`: push change sets. `GET ?after=&limit=`: pull.
    public static let changes = "/v1/changes"
    /// `GET`: the current state of every visible record.
    public static let snapshot = "/v1/snapshot"
    /// `GET`: liveness, no authentication.
    public static let health = "/health"
    /// `GET`: Prometheus metrics, no authentication.
    public static let metrics = "/metrics"
}
