import COpenSSL
import Foundation

/// An X.509 certificate read through OpenSSL: the signing certificate of a model_signing bundle
/// made with `model_signing sign certificate`, or one of the chain a verifier trusts.
public final class Certificate: @unchecked Sendable {
    let certificate: OpaquePointer

    private init(_ certificate: OpaquePointer) { self.certificate = certificate }

    deinit { X509_free(certificate) }

    /// A certificate from its DER bytes (as a Sigstore bundle carries it).
    public static func der(_ bytes: [UInt8]) throws -> Certificate {
        guard !bytes.isEmpty, bytes.count <= 64 * 1024 else {
            throw OpenSSLError(function: "certificate", messages: ["empty or larger than 64 KiB"])
        }
        let read = bytes.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            return d2i_X509(nil, &cursor, buffer.count)
        }
        guard let read else { throw OpenSSLError.drain("d2i_X509") }
        return Certificate(read)
    }

    /// Every certificate of a PEM file, in order; at least one.
    public static func pemChain(_ text: String) throws -> [Certificate] {
        guard text.utf8.count <= 1024 * 1024 else {
            throw OpenSSLError(function: "certificate chain", messages: ["larger than 1 MiB"])
        }
        let bytes = Array(text.utf8)
        var certificates: [Certificate] = []
        bytes.withUnsafeBytes { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else { return }
            defer { BIO_free(bio) }
            while let next = PEM_read_bio_X509(bio, nil, nil, nil) { certificates.append(Certificate(next)) }
        }
        _ = OpenSSLError.drain("PEM_read_bio_X509")  // the end of the file leaves a "no start line"
        guard !certificates.isEmpty else {
            throw OpenSSLError(function: "certificate chain", messages: ["no PEM certificate found"])
        }
        return certificates
    }

    /// The certificate's DER bytes.
    public func derBytes() throws -> [UInt8] {
        var pointer: UnsafeMutablePointer<UInt8>?
        let length = i2d_X509(certificate, &pointer)
        guard length > 0, let pointer else { throw OpenSSLError.drain("i2d_X509") }
        defer { CRYPTO_free(pointer, #file, #line) }
        return Array(UnsafeBufferPointer(start: pointer, count: Int(length)))
    }

    /// The subject as one line (`CN=…, O=…`, RFC 2253 order), escaped by OpenSSL.
    public var subject: String {
        guard let name = X509_get_subject_name(certificate) else { return "" }
        return
            (try? EVP.text({ X509_NAME_print_ex($0, name, 0, weightledger_xn_flag_rfc2253()) }, "X509_NAME_print_ex"))
            ?? ""
    }

    /// The public key it certifies.
    public func publicKey() throws -> SigningKey {
        guard let key = X509_get_pubkey(certificate) else { throw OpenSSLError.drain("X509_get_pubkey") }
        return try SigningKey.adopt(key)
    }

    /// Whether its key usage allows digital signatures, or its extended key usage code signing
    /// (what `model_signing` requires of a signing certificate).
    public var maySignCode: Bool {
        (X509_get_key_usage(certificate) & UInt32(KU_DIGITAL_SIGNATURE)) != 0
            || (X509_get_extended_key_usage(certificate) & UInt32(XKU_CODE_SIGN)) != 0
    }

    /// The start of its validity, as seconds since 1970.
    var notBefore: time_t? {
        guard let start = X509_get0_notBefore(certificate) else { return nil }
        var parsed = tm()
        guard ASN1_TIME_to_tm(start, &parsed) == 1 else { return nil }
        return timegm(&parsed)
    }

    /// Checks that this certificate chains to one of `trusted` (every one a trust anchor, as
    /// `model_signing verify certificate` loads its chain file), through `intermediates`, at the
    /// start of its own validity (a signing certificate may be short-lived), and that it may sign code.
    public func verify(trusted: [Certificate], intermediates: [Certificate]) throws {
        guard let store = X509_STORE_new() else { throw OpenSSLError.drain("X509_STORE_new") }
        defer { X509_STORE_free(store) }
        for anchor in trusted {
            try OpenSSLError.check(X509_STORE_add_cert(store, anchor.certificate), "X509_STORE_add_cert")
        }
        guard let untrusted = weightledger_x509_stack_new() else { throw OpenSSLError.drain("sk_X509_new_null") }
        defer { weightledger_x509_stack_free(untrusted) }
        for certificate in intermediates {
            X509_up_ref(certificate.certificate)
            guard weightledger_x509_stack_push(untrusted, certificate.certificate) > 0 else {
                X509_free(certificate.certificate)
                throw OpenSSLError.drain("sk_X509_push")
            }
        }
        guard let context = X509_STORE_CTX_new() else { throw OpenSSLError.drain("X509_STORE_CTX_new") }
        defer { X509_STORE_CTX_free(context) }
        try OpenSSLError.check(X509_STORE_CTX_init(context, store, certificate, untrusted), "X509_STORE_CTX_init")
        if let notBefore, let parameters = X509_STORE_CTX_get0_param(context) {
            X509_VERIFY_PARAM_set_time(parameters, notBefore)
        }
        guard X509_verify_cert(context) == 1 else {
            let code = X509_STORE_CTX_get_error(context)
            let reason = X509_verify_cert_error_string(Int(code)).map { String(cString: $0) } ?? "error \(code)"
            _ = OpenSSLError.drain("X509_verify_cert")
            throw OpenSSLError(function: "certificate chain", messages: [reason])
        }
        guard maySignCode else {
            throw OpenSSLError(
                function: "signing certificate",
                messages: ["its key usage allows neither digital signatures nor code signing"])
        }
    }
}
