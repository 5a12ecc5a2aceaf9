#ifndef WEIGHTLEDGER_COPENSSL_SHIM_H
#define WEIGHTLEDGER_COPENSSL_SHIM_H

// Only libcrypto: SHA-256 through EVP, Ed25519 keys (PEM) and signatures.
#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/crypto.h>
#include <openssl/pem.h>
#include <openssl/bio.h>

#endif
