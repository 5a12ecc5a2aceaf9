#!/usr/bin/env python3
"""Validates WeightLedger exports with the standards' own tools (installed from PyPI by .ci/run):

  in-toto   in-toto-attestation: every statement parsed into the Statement v1 protobuf (unknown
            fields refused) and validated; the SLSA Provenance v1 predicate parsed into its
            protobuf; every resource descriptor validated.
  dsse      securesystemslib: every envelope's signature verified with the public key (--key),
            whose key id securesystemslib computes itself.
  cyclonedx cyclonedx-python-lib's strict JSON validator for CycloneDX 1.6.
  spdx      spdx-python-model (the SPDX project's bindings generated from the 3.0.1 SHACL model):
            every element deserialized (types, properties, enumerations), references linked, and
            the whole set serialized again (required properties and cardinalities).

Usage: validate-exports.py FORMAT FILE [--key PUB]   (FORMAT: in-toto, dsse, cyclonedx, spdx)
Exit 0 when valid, 1 with the reason on stderr otherwise.
"""
import io
import json
import sys


def fail(message):
    print(f"validate-exports: {message}", file=sys.stderr)
    sys.exit(1)


def statements(path):
    with open(path) as f:
        text = f.read()
    try:
        return [json.loads(text)]
    except json.JSONDecodeError:
        return [json.loads(line) for line in text.splitlines() if line.strip()]


def in_toto(path):
    from google.protobuf import json_format
    from in_toto_attestation.v1 import statement_pb2, resource_descriptor
    from in_toto_attestation.v1.statement import Statement
    from in_toto_attestation.predicates.provenance.v1 import provenance_pb2
    for document in statements(path):
        proto = json_format.ParseDict(document, statement_pb2.Statement())
        Statement.copy_from_pb(proto).validate()
        if document["predicateType"] != "https://slsa.dev/provenance/v1":
            fail(f"predicate type {document['predicateType']}")
        provenance = json_format.ParseDict(document["predicate"], provenance_pb2.Provenance())
        descriptors = list(provenance.build_definition.resolved_dependencies) + list(provenance.run_details.byproducts)
        for descriptor in descriptors:
            resource_descriptor.ResourceDescriptor.copy_from_pb(descriptor).validate()
        if not provenance.build_definition.build_type or not provenance.run_details.builder.id:
            fail("buildType and builder.id are required")


def dsse(path, key_path):
    from cryptography.hazmat.primitives.serialization import load_pem_public_key
    from securesystemslib.dsse import Envelope
    from securesystemslib.signer import SSlibKey
    with open(key_path, "rb") as f:
        text = f.read()
    start = text.index(b"-----BEGIN")
    key = SSlibKey.from_crypto(load_pem_public_key(text[start:]))
    for document in statements(path):
        envelope = Envelope.from_dict(document)
        verified = envelope.verify([key], 1)
        if key.keyid not in verified:
            fail(f"key {key.keyid} did not verify")


def cyclonedx(path):
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator
    with open(path) as f:
        errors = JsonStrictValidator(SchemaVersion.V1_6).validate_str(f.read())
    if errors is not None:
        fail(f"CycloneDX 1.6: {errors}")


def spdx(path):
    from spdx_python_model import v3_0_1 as model
    with open(path) as f:
        text = f.read()
    objects = model.SHACLObjectSet()
    model.JSONLDDeserializer().read(io.StringIO(text), objects)
    unresolved = objects.link()
    if unresolved:
        fail(f"unresolved references: {sorted(unresolved)}")
    model.JSONLDSerializer().write(objects, io.BytesIO())
    if json.loads(text).get("@context") != "https://spdx.org/rdf/3.0.1/spdx-context.jsonld":
        fail("not an SPDX 3.0.1 document")


def main():
    if len(sys.argv) < 3:
        fail(__doc__)
    kind, path = sys.argv[1], sys.argv[2]
    try:
        if kind == "in-toto":
            in_toto(path)
        elif kind == "dsse":
            dsse(path, sys.argv[sys.argv.index("--key") + 1])
        elif kind == "cyclonedx":
            cyclonedx(path)
        elif kind == "spdx":
            spdx(path)
        else:
            fail(f"unknown format {kind}")
    except SystemExit:
        raise
    except Exception as error:  # every library's own error is a failure to validate
        fail(f"{type(error).__name__}: {error}")
    print(f"validate-exports: {kind} {path}: valid")


if __name__ == "__main__":
    main()
