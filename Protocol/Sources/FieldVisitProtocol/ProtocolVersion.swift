/// The version of the sync protocol spoken by this build.
///
/// Every path is under `/v1`; a change that old clients cannot read gets a new prefix.
public enum ProtocolVersion {
    /// The path prefix of every endpoint.
    public static let pathPrefix = "/v1"
}
