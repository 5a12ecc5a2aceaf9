import Foundation
import Hummingbird
import LedgerCore
import LedgerRender
import LedgerStore
import LedgerUseCases
import Logging

/// Every API error: `{"error": {"message": "...", "field": "..."}}` with the status that fits.
/// 400 for a body that is not JSON, 422 for JSON that is wrong (naming the field when one is
/// at fault), 401/403 for tokens, 404 for unknown artifacts, 409 for refusals.
struct APIError: HTTPResponseError {
    let status: HTTPResponse.Status
    let message: String
    let field: String?
    /// Seconds a client should wait before trying again (`Retry-After`), for a temporary refusal.
    let retryAfter: Int?

    init(_ status: HTTPResponse.Status, _ message: String, field: String? = nil, retryAfter: Int? = nil) {
        self.status = status
        self.message = message
        self.field = field
        self.retryAfter = retryAfter
    }

    /// Maps a use case's error to its status. Input the domain refused is a 422 naming the field
    /// (its JSON key); anything the server does not know as such is a plain 500 whose message
    /// names only an error id, logged with the error itself: internals never reach a client.
    init(_ error: Error) {
        switch error {
        case let error as APIError: self = error
        case let error as HTTPError: self.init(error.status, error.body ?? "\(error.status)")
        case let error as DomainError: self.init(.unprocessableContent, error.description, field: error.field?.path)
        case let error as InputError: self.init(.unprocessableContent, error.description, field: error.field?.path)
        case StoreError.unknownReference: self.init(.notFound, "\(error)")
        case StoreError.ambiguousReference: self.init(.unprocessableContent, "\(error)")
        case StoreError.busy: self.init(.serviceUnavailable, "the ledger is busy; try again", retryAfter: 1)
        case StoreError.unreachable:
            self.init(.serviceUnavailable, "the ledger's database cannot be reached; try again", retryAfter: 5)
        // A full disk is temporary: never a 4xx, which clients treat as final.
        case StoreError.full:
            self.init(
                .init(code: 507, reasonPhrase: "Insufficient Storage"),
                "no space left on the server's disk; nothing was written", retryAfter: 60)
        case let error as DeploymentNotApproved: self.init(.conflict, error.description)
        case let error as ReportChanged: self.init(.conflict, error.description)
        case let error as IntegrityFailure: self.init(.internalServerError, error.description)
        case StoreError.damaged: self = APIError.unexpected(error)
        case StoreError.readOnly: self.init(.serviceUnavailable, "\(error)")
        default: self = APIError.unexpected(error)
        }
    }

    /// A 500 for an error the server has no answer for: logged in full with a fresh id, answered with the id only.
    static func unexpected(_ error: Error) -> APIError {
        let id = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        InternalErrorLog.logger.error("internal error \(id): \(String(reflecting: error))")
        return APIError(.internalServerError, "internal error (id \(id)); the server's log has the details")
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var inner: [String: String] = ["message": message]
        if let field { inner["field"] = field }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var headers: HTTPFields = [.contentType: "application/json"]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(
            status: status, headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: Array(try encoder.encode(["error": inner])))))
    }
}

/// Decodes a JSON body, naming the field at fault. The bytes are collected on the event loop;
/// the decoding (up to `serve --max-body` of JSON) runs off it.
enum BodyDecoder {
    static func decode<T: Decodable & Sendable>(
        _ type: T.Type, from request: Request, limit: Int,
        offLoop: (@escaping @Sendable () throws -> T) async throws -> T
    ) async throws -> T {
        let data = try await collect(request, limit: limit)
        return try await offLoop { try decode(T.self, from: data) }
    }

    /// The body's bytes, refused past `limit` with a 413, and with a 415 unless it is declared
    /// `application/json` (parameters such as `charset=utf-8` aside).
    static func collect(_ request: Request, limit: Int) async throws -> Data {
        let declared = request.headers[.contentType] ?? ""
        let mediaType = declared.split(separator: ";", maxSplits: 1).first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        guard mediaType == "application/json" else {
            let got = declared.isEmpty ? "none" : "'\(SafeText.line(String(declared.prefix(100))))'"
            let message = "body: send JSON with Content-Type: application/json (got \(got))"
            throw APIError(.unsupportedMediaType, message, field: "body")
        }
        var request = request
        do { return Data(buffer: try await request.collectBody(upTo: limit)) } catch {
            throw APIError(.contentTooLarge, "body: larger than \(limit) bytes")
        }
    }

    /// Decodes JSON bytes, answering a decoding error as the API error naming the field: a text
    /// that is not JSON, or an object with a key twice (which proxies and loggers may read as the
    /// last while a decoder takes the first), is a 400; a number that does not fit its field
    /// (`2^63`, `1.5` in a count, `1e-400`) is a 422 naming it (`JSONValueDecoder`).
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let value: JSONValue
        do {
            value = try JSONParser.parse(data, numbersOutOfRange: .nan)
        } catch let error as JSONParser.SyntaxError {
            if error.message.hasPrefix("duplicate key") {
                throw APIError(
                    .badRequest, "body: \(SafeText.line(error.message)): each key may appear once in an object",
                    field: "body")
            }
            throw APIError(
                .badRequest, "body: not valid JSON (\(error.message) at byte \(error.offset))", field: "body")
        }
        do {
            return try JSONValueDecoder.decode(T.self, from: value)
        } catch let error as DecodingError {
            throw describe(error)
        } catch {
            throw APIError(error)
        }
    }

    static func path(_ codingPath: [CodingKey]) -> String {
        var out = ""
        for key in codingPath {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                out += (out.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return out.isEmpty ? "body" : out
    }

    static func describe(_ error: DecodingError) -> APIError {
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return APIError(.unprocessableContent, "\(field): required", field: field)
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let field = path(context.codingPath)
            return APIError(.unprocessableContent, "\(field): expected \(Self.name(of: type))", field: field)
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            // The decoder's own syntax errors come at the root (domain types throw their own errors).
            return APIError(.badRequest, "body: not valid JSON", field: "body")
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            let reason = context.underlyingError.map { APIError($0).message } ?? context.debugDescription
            return APIError(.unprocessableContent, "\(field): \(reason)", field: field)
        @unknown default:
            return APIError(.unprocessableContent, "body: \(error)", field: "body")
        }
    }

    static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Double.Type, is Int.Type, is Int64.Type: return "a number"
        case is [Any].Type, is [JSONValue].Type: return "an array"
        case is [String: JSONValue].Type: return "an object"
        default: return "a value of type \(type)"
        }
    }
}

/// Where internal errors are logged: the server's own log, never a response.
enum InternalErrorLog {
    static let logger = Logger(label: "weightledger.server")
}
