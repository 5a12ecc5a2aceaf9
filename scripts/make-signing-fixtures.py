#!/usr/bin/env python3
"""Makes the OpenSSF model signing fixtures (Tests/CLITests/Fixtures/signing) with the real
`model_signing` CLI (model-signing 1.1.1 from PyPI, with pyopenssl, which it needs and does not
pull in) and `cryptography` for the keys and certificates:

  model/                 a two-file model folder (one file in a subfolder)
  key.pem, pub.pem       an ECDSA P-256 key pair
  other-pub.pem          another P-256 public key (a bundle made with key.pem must not verify with it)
  model.sig              `model_signing sign key model --private_key key.pem` (the bundle outside the folder)
  ca.pem, leaf-key.pem, leaf.pem
                         a CA and a code-signing leaf certificate it issued
  model-cert.sig         `model_signing sign certificate model --private_key leaf-key.pem
                          --signing_certificate leaf.pem --certificate_chain ca.pem`
  other-ca.pem           a CA that issued nothing here (the chain must not verify against it)
  trusted_root.json      a Sigstore trusted root naming the fixture CA (read back by sigstore-python's
                         TrustedRoot.from_file, so its layout is Sigstore's)
  sigstore-trusted_root.json
                         the public-good Sigstore trusted root as the sigstore package ships it
  model-keyless-layout.sig
                         model-cert.sig rearranged into the keyless layout (`certificate` plus one
                         `tlogEntries` entry): the signature is unchanged (it covers the payload only);
                         the entry is not a real Rekor entry, and WeightLedger says it does not check it

ECDSA signatures are randomised, so re-running makes other bytes: scripts/check-fixtures.sh checks
these with model_signing itself instead of comparing bytes. Run with the venv's python:
    python scripts/make-signing-fixtures.py [OUT]   (default Tests/CLITests/Fixtures/signing)
"""
import datetime
import os
import shutil
import subprocess
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "Tests", "CLITests", "Fixtures", "signing")
MODEL_SIGNING = os.path.join(os.path.dirname(sys.executable), "model_signing")


def write_key(key, path):
    with open(path, "wb") as out:
        out.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption()))


def write_public(key, path):
    with open(path, "wb") as out:
        out.write(key.public_key().public_bytes(serialization.Encoding.PEM,
                                                serialization.PublicFormat.SubjectPublicKeyInfo))


def certificate(subject, issuer, key, issuer_key, ca):
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    builder = (x509.CertificateBuilder()
               .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject),
                                        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "WeightLedger fixtures")]))
               .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer),
                                       x509.NameAttribute(NameOID.ORGANIZATION_NAME, "WeightLedger fixtures")]))
               .public_key(key.public_key())
               .serial_number(x509.random_serial_number())
               .not_valid_before(now)
               .not_valid_after(now + datetime.timedelta(days=36500))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if ca:
        builder = builder.add_extension(x509.KeyUsage(
            digital_signature=False, content_commitment=False, key_encipherment=False, data_encipherment=False,
            key_agreement=False, key_cert_sign=True, crl_sign=True, encipher_only=False, decipher_only=False),
            critical=True)
    else:
        builder = builder.add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=False, key_encipherment=False, data_encipherment=False,
            key_agreement=False, key_cert_sign=False, crl_sign=False, encipher_only=False, decipher_only=False),
            critical=True).add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CODE_SIGNING]), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def main():
    if os.path.exists(OUT):
        shutil.rmtree(OUT)
    os.makedirs(os.path.join(OUT, "model", "sub"))
    with open(os.path.join(OUT, "model", "weights.bin"), "wb") as out:
        out.write(bytes(range(256)) * 4)
    with open(os.path.join(OUT, "model", "sub", "config.json"), "w") as out:
        out.write('{"architectures": ["TinyModel"]}\n')

    key = ec.generate_private_key(ec.SECP256R1())
    write_key(key, os.path.join(OUT, "key.pem"))
    write_public(key, os.path.join(OUT, "pub.pem"))
    write_public(ec.generate_private_key(ec.SECP256R1()), os.path.join(OUT, "other-pub.pem"))

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = certificate("Fixture CA", "Fixture CA", ca_key, ca_key, True)
    leaf_key = ec.generate_private_key(ec.SECP256R1())
    leaf = certificate("Fixture signer", "Fixture CA", leaf_key, ca_key, False)
    other_key = ec.generate_private_key(ec.SECP256R1())
    other = certificate("Other CA", "Other CA", other_key, other_key, True)
    for name, cert in [("ca.pem", ca), ("leaf.pem", leaf), ("other-ca.pem", other)]:
        with open(os.path.join(OUT, name), "wb") as out:
            out.write(cert.public_bytes(serialization.Encoding.PEM))
    write_key(leaf_key, os.path.join(OUT, "leaf-key.pem"))

    run = lambda *args: subprocess.run([MODEL_SIGNING, *args], cwd=OUT, check=True, capture_output=True)
    run("sign", "key", "model", "--private_key", "key.pem", "--signature", "model.sig")
    run("sign", "certificate", "model", "--private_key", "leaf-key.pem", "--signing_certificate", "leaf.pem",
        "--certificate_chain", "ca.pem", "--signature", "model-cert.sig")
    run("verify", "key", "model", "--public_key", "pub.pem", "--signature", "model.sig")
    run("verify", "certificate", "model", "--certificate_chain", "ca.pem", "--signature", "model-cert.sig")
    import base64
    import json
    import sigstore
    from sigstore.models import TrustedRoot
    root = {
        "mediaType": "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
        "tlogs": [],
        "certificateAuthorities": [{
            "subject": {"organization": "WeightLedger fixtures", "commonName": "Fixture CA"},
            "uri": "https://fixture.invalid",
            "certChain": {"certificates": [
                {"rawBytes": base64.b64encode(ca.public_bytes(serialization.Encoding.DER)).decode()}]},
            "validFor": {"start": "2026-01-01T00:00:00Z"},
        }],
        "ctlogs": [],
        "timestampAuthorities": [],
    }
    with open(os.path.join(OUT, "trusted_root.json"), "w") as out:
        json.dump(root, out, indent=2)
    TrustedRoot.from_file(os.path.join(OUT, "trusted_root.json"))
    shipped = os.path.join(os.path.dirname(sigstore.__file__), "_store", "https%3A%2F%2Ftuf-repo-cdn.sigstore.dev",
                           "trusted_root.json")
    shutil.copyfile(shipped, os.path.join(OUT, "sigstore-trusted_root.json"))

    with open(os.path.join(OUT, "model-cert.sig")) as source:
        bundle = json.load(source)
    chain = bundle["verificationMaterial"].pop("x509CertificateChain")
    bundle["verificationMaterial"]["certificate"] = chain["certificates"][0]
    bundle["verificationMaterial"]["tlogEntries"] = [
        {"logIndex": "0", "kindVersion": {"kind": "dsse", "version": "0.0.1"}}]
    with open(os.path.join(OUT, "model-keyless-layout.sig"), "w") as out:
        json.dump(bundle, out, indent=2)
    print(f"wrote the signing fixtures to {OUT}")


if __name__ == "__main__":
    main()
