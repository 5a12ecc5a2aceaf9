#ifndef WEIGHTLEDGER_COPENSSL_SHIM_H
#define WEIGHTLEDGER_COPENSSL_SHIM_H

// Only libcrypto: SHA-256 through EVP now, Ed25519 signatures later.
#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/crypto.h>

#endif
