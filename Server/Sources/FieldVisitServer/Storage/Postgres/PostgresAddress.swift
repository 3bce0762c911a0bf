import FieldVisitCore
import Foundation
import NIOSSL
import PostgresNIO

/// Where a PostgreSQL database is and how to reach it, read from a URL of the form
/// `postgres://user[:password]@host[:port]/database[?sslmode=MODE[&sslrootcert=FILE]]`.
///
/// The password is kept only to log in: ``description``, which errors and logs use,
/// leaves it out.
struct PostgresAddress: Sendable, CustomStringConvertible {
    /// How the connection is encrypted, as libpq's `sslmode` means it.
    enum SSLMode: String, Sendable, CaseIterable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it, plain otherwise; the certificate is not checked.
        case prefer
        /// TLS or nothing; the certificate is not checked (unless `sslrootcert` is given,
        /// as libpq does, which makes it `verify-ca`).
        case require
        /// TLS, with a certificate signed by a trusted authority, for any host name.
        case verifyCA = "verify-ca"
        /// TLS, with a certificate signed by a trusted authority and naming the host.
        case verifyFull = "verify-full"
    }

    var host: String
    var port: Int
    var user: String
    var password: String?
    var database: String
    var sslMode: SSLMode
    /// PEM certificates of the authorities trusted instead of the system's.
    var rootCertificates: String?

    static let form = "postgres://user[:password]@host[:port]/database[?sslmode=disable|prefer|require|verify-ca|verify-full]"

    /// Reads `url`. Throws ``StorageError/invalid(_:)`` naming what is wrong, never
    /// quoting the URL, which may hold a password.
    init(url: String) throws(StorageError) {
        guard url.utf8.count <= 4_096 else { throw .invalid(StorageMessage.urlTooLong.localized()) }
        guard !url.containsControlCharacters else {
            throw .invalid(StorageMessage.urlControlCharacter.localized())
        }
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else {
            throw .invalid(StorageMessage.urlForm.localized(["form": Self.form]))
        }
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw .invalid(StorageMessage.urlScheme.localized(["scheme": scheme, "form": Self.form]))
        }
        guard var host = components.host, !host.isEmpty else { throw .invalid(StorageMessage.urlNoHost.localized(["form": Self.form])) }
        // An IPv6 address comes in brackets, which connecting does not take.
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard let user = components.user, !user.isEmpty else { throw .invalid(StorageMessage.urlNoUser.localized(["form": Self.form])) }
        // Read from the text: URLComponents gives no port for one beyond Int, which
        // would then be taken for the default.
        let authority = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false).dropFirst(2).first ?? ""
        let hostAndPort = authority.split(separator: "@").last ?? ""
        var port = 5432
        if let colon = hostAndPort.lastIndex(of: ":"), !hostAndPort.hasSuffix("]") {
            let text = hostAndPort[hostAndPort.index(after: colon)...]
            guard let number = Int(text), (1...65_535).contains(number) else {
                throw .invalid(StorageMessage.urlPort.localized(["port": String(text.prefix(20))]))
            }
            port = number
        }
        let path = components.path
        let database = path.hasPrefix("/") ? String(path.dropFirst()) : path
        guard !database.isEmpty, !database.contains("/") else {
            throw .invalid(StorageMessage.urlNoDatabase.localized(["form": Self.form]))
        }
        var sslMode = SSLMode.prefer
        var rootCertificates: String?
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let mode = SSLMode(rawValue: value) else {
                    throw .invalid(StorageMessage.urlSSLMode.localized(["modes": SSLMode.allCases.map(\.rawValue).joined(separator: ", ")]))
                }
                sslMode = mode
            case "sslrootcert":
                guard let value = item.value, !value.isEmpty else { throw .invalid(StorageMessage.urlNoRootCertificate.localized()) }
                rootCertificates = value
            default:
                throw .invalid(StorageMessage.urlUnknownParameter.localized(["name": item.name]))
            }
        }
        if rootCertificates != nil, sslMode == .disable || sslMode == .prefer {
            throw .invalid(StorageMessage.urlRootCertificateUnchecked.localized(["mode": sslMode.rawValue]))
        }
        // Percent-encoding may hide what the URL may not hold: PostgreSQL takes no NUL.
        for (name, value) in [("host", host), ("user", user), ("database", database)]
            where value.containsControlCharacters {
            throw .invalid(StorageMessage.urlPartControlCharacter.localized(["name": name]))
        }
        if components.password?.utf8.contains(0) == true { throw .invalid(StorageMessage.urlPasswordNUL.localized()) }
        self.host = host
        self.port = port
        self.user = user
        self.password = components.password
        self.database = database
        self.sslMode = sslMode
        self.rootCertificates = rootCertificates
    }

    /// The URL without its password: what errors and logs show.
    var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(user)@\(shownHost):\(port)/\(database)?sslmode=\(sslMode.rawValue)"
    }

    /// The TLS settings, `nil` for plain TCP.
    func tlsConfiguration() -> TLSConfiguration? {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let rootCertificates { configuration.trustRoots = .file(rootCertificates) }
        switch sslMode {
        case .disable: return nil
        case .prefer: configuration.certificateVerification = .none
        case .require: configuration.certificateVerification = rootCertificates == nil ? .none : .noHostnameVerification
        case .verifyCA: configuration.certificateVerification = .noHostnameVerification
        case .verifyFull: configuration.certificateVerification = .fullVerification
        }
        return configuration
    }

    /// The pool's settings, with at most `connections` connections.
    func clientConfiguration(connections: Int) -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS
        switch (sslMode, tlsConfiguration()) {
        case (_, nil): tls = .disable
        case (.prefer, let configuration?): tls = .prefer(configuration)
        case (_, let configuration?): tls = .require(configuration)
        }
        var configuration = PostgresClient.Configuration(host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.maximumConnections = connections
        configuration.options.minimumConnections = 0
        configuration.options.additionalStartupParameters = [("application_name", PostgresStorage.applicationName(processID: getpid()))]
        return configuration
    }

    /// The settings of one connection outside the pool, for migrating.
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch (sslMode, tlsConfiguration()) {
        case (_, nil): tls = .disable
        case (.prefer, let configuration?): tls = .prefer(try NIOSSLContext(configuration: configuration))
        case (_, let configuration?): tls = .require(try NIOSSLContext(configuration: configuration))
        }
        var configuration = PostgresConnection.Configuration(host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.additionalStartupParameters = [("application_name", PostgresStorage.applicationName(processID: getpid()))]
        return configuration
    }
}
