#ifndef WEIGHTLEDGER_COPENSSL_SHIM_H
#define WEIGHTLEDGER_COPENSSL_SHIM_H

// Only libcrypto: SHA-256 through EVP, keys (PEM) and signatures, X.509 chains.
#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/crypto.h>
#include <openssl/pem.h>
#include <openssl/bio.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/x509_vfy.h>

// The STACK_OF(X509) helpers are macros Swift cannot call.
static inline STACK_OF(X509) *weightledger_x509_stack_new(void) { return sk_X509_new_null(); }
static inline int weightledger_x509_stack_push(STACK_OF(X509) *stack, X509 *certificate) {
    return sk_X509_push(stack, certificate);
}
static inline void weightledger_x509_stack_free(STACK_OF(X509) *stack) { sk_X509_pop_free(stack, X509_free); }
// XN_FLAG_RFC2253 is an expression macro Swift cannot import.
static inline unsigned long weightledger_xn_flag_rfc2253(void) { return XN_FLAG_RFC2253; }

#endif
