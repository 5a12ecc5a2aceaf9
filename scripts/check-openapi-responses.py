#!/usr/bin/env python3
"""Proves docs/openapi.yaml describes the API completely: every JSON answer of every operation,
and every request body the server accepts, validated (jsonschema, JSON Schema 2020-12) against a
strict copy of the document in which no object may hold a key its schema does not name.

Against a live `weightledger serve` on the demo ledger, as admin, it makes one successful call of
each JSON operation (and a few refusals), then checks the answers. Also refused: an object schema
that names no properties (a body nobody described). Prints each mismatch; exit 1 if any.

usage: scripts/check-openapi-responses.py [path-to-weightledger]   (default .build/debug/weightledger)
"""

import copy
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
URI = "urn:weightledger-openapi"


def strict(node, path, lint):
    """The document with `additionalProperties: false` wherever properties are named; objects
    that name none are reported."""
    if isinstance(node, dict):
        types = node.get("type")
        is_object = types == "object" or (isinstance(types, list) and "object" in types)
        if "properties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        elif is_object and "properties" not in node and "additionalProperties" not in node and "$ref" not in node:
            lint.append("%s: an object whose properties are not described" % path)
        for key, value in node.items():
            strict(value, path + "/" + str(key), lint)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            strict(value, "%s/%d" % (path, index), lint)


def pointer(*parts):
    return "/".join(str(part).replace("~", "~0").replace("/", "~1") for part in parts)


class Server:
    def __init__(self, binary):
        self.work = tempfile.mkdtemp(prefix="openapi-")
        self.ledger = os.path.join(self.work, "ledger.db")
        subprocess.run([binary, "demo", "--ledger", "ledger.db"], cwd=self.work, check=True,
                       stdout=subprocess.DEVNULL)
        self.tokens = {
            role: subprocess.run(
                [binary, "token", "create", "--role", role, "--name", "openapi-" + role, "--ledger", self.ledger],
                check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
            for role in ("registrar", "reviewer", "auditor", "admin")}
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.base = "http://127.0.0.1:%d" % port
        self.process = subprocess.Popen([binary, "serve", "--port", str(port), "--ledger", self.ledger],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=1)
                return
            except OSError:
                time.sleep(0.1)
        sys.exit("the server did not start")

    def call(self, method, path, body=None, role="admin"):
        request = urllib.request.Request(
            self.base + path, method=method,
            data=json.dumps(body).encode() if body is not None else None)
        if role:
            request.add_header("Authorization", "Bearer " + self.tokens[role])
        if body is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                return answer.status, answer.headers.get("Content-Type", ""), answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Content-Type", ""), error.read()

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def main():
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/weightledger"))
    spec = yaml.safe_load(open(os.path.join(ROOT, "docs", "openapi.yaml"), encoding="utf-8"))
    lint = []
    document = copy.deepcopy(spec)
    strict(document["components"], "#/components", lint)
    strict(document["paths"], "#/paths", lint)
    registry = Registry().with_resource(URI, Resource.from_contents(document, default_specification=DRAFT202012))
    problems = list(lint)

    def validate(value, where, *parts):
        schema = {"$ref": URI + "#/" + pointer(*parts)}
        validator = Draft202012Validator(schema, registry=registry)
        for error in sorted(validator.iter_errors(value), key=lambda e: list(e.path)):
            problems.append("%s: %s at %s" % (where, error.message[:300], "/".join(map(str, error.absolute_path))))

    def operation(path, method):
        entry = spec["paths"].get(path, {}).get(method)
        if entry is None:
            problems.append("%s %s: not in docs/openapi.yaml" % (method.upper(), path))
        return entry

    server = Server(binary)
    calls = 0
    try:
        demo = json.loads(server.call("GET", "/api/v1/artifacts/acme%2Ffrontier-1-support%3Aint4", None, "reviewer")[2])
        digest = demo["digest"]
        checkpoint = json.loads(server.call("POST", "/api/v1/log/checkpoints", None, "auditor")[2])
        note = checkpoint.get("note", "")

        # (role, method, template, concrete path, body, expected status)
        cases = [
            (None, "get", "/readyz", "/readyz", None, 200),
            ("reviewer", "get", "/api/v1/whoami", "/api/v1/whoami", None, 200),
            ("reviewer", "get", "/api/v1/artifacts", "/api/v1/artifacts", None, 200),
            ("reviewer", "get", "/api/v1/artifacts", "/api/v1/artifacts?q=frontier&limit=5", None, 200),
            ("reviewer", "get", "/api/v1/artifacts/{ref}", "/api/v1/artifacts/" + digest, None, 200),
            ("reviewer", "get", "/api/v1/artifacts/{ref}",
             "/api/v1/artifacts/acme%2Ffrontier-1-support%3Av1?history=true&on=2026-06-01", None, 200),
            ("reviewer", "get", "/api/v1/artifacts/{ref}", "/api/v1/artifacts/openlab%2Fatlas-7b%3Alatest", None, 200),
            ("reviewer", "get", "/api/v1/artifacts/{ref}", "/api/v1/artifacts/sha256%3A" + "0" * 64, None, 404),
            ("reviewer", "get", "/api/v1/artifacts/{ref}/lineage", "/api/v1/artifacts/%s/lineage" % digest, None, 200),
            ("reviewer", "get", "/api/v1/artifacts/{ref}/lineage",
             "/api/v1/artifacts/acme%2Ffrontier-1%3Abase/lineage?direction=descendants", None, 200),
            ("reviewer", "get", "/api/v1/artifacts/{ref}/review", "/api/v1/artifacts/%s/review?to=IN" % digest,
             None, 200),
            ("reviewer", "get", "/api/v1/check", "/api/v1/check?artifact=%s&to=CN&on=2025-03-01" % digest, None, 200),
            ("reviewer", "get", "/api/v1/check",
             "/api/v1/check?artifact=%s&to=DE&exporter=Acme%%20AI%%20Inc." % digest, None, 200),
            ("reviewer", "get", "/api/v1/check", "/api/v1/check?artifact=%s&to=XX" % digest, None, 422),
            ("reviewer", "get", "/api/v1/flags", "/api/v1/flags", None, 200),
        ] + [
            ("reviewer", "get", "/api/v1/artifacts/{ref}/export",
             "/api/v1/artifacts/%s/export?format=%s" % (digest, standard), None, 200)
            for standard in ("in-toto", "cyclonedx", "spdx")
        ] + [
            ("reviewer", "get", "/api/v1/flags", "/api/v1/flags?limit=2", None, 200),
            ("reviewer", "get", "/api/v1/organisations", "/api/v1/organisations", None, 200),
            ("reviewer", "get", "/api/v1/log/proofs/{ref}", "/api/v1/log/proofs/" + digest, None, 200),
            ("auditor", "post", "/api/v1/log/consistency", "/api/v1/log/consistency", {"checkpoint": note}, 200),
            ("reviewer", "post", "/api/v1/organisations", "/api/v1/organisations",
             {"name": "Schema Check GmbH", "headquarters": "DE"}, 201),
            ("reviewer", "post", "/api/v1/organisations/{name}/changes",
             "/api/v1/organisations/Schema%20Check%20GmbH/changes", {"on": "2026-01-01", "headquarters": "AT"}, 201),
            ("registrar", "post", "/api/v1/artifacts/{ref}/publications",
             "/api/v1/artifacts/acme%2Ffrontier-1-legal%3Av1/publications",
             {"url": "https://example.org/legal", "on": "2026-02-01"}, 201),
            ("registrar", "post", "/api/v1/artifacts/{ref}/withdrawals",
             "/api/v1/artifacts/acme%2Ffrontier-1-legal%3Av1/withdrawals",
             {"on": "2026-03-01", "reason": "withdrawn for the schema check"}, 201),
            ("registrar", "post", "/api/v1/artifacts/{ref}/corrections",
             "/api/v1/artifacts/acme%2Ffrontier-1-legal%3Av1/corrections",
             {"reason": "the run logs say so", "site": "London"}, 201),
            ("reviewer", "post", "/api/v1/deployments", "/api/v1/deployments",
             {"artifact": digest, "to": "GB", "recipient": "Schema Check Ltd"}, 201),
            ("reviewer", "post", "/api/v1/deployments", "/api/v1/deployments",
             {"artifact": digest, "to": "CN", "strict": True}, 409),
            ("reviewer", "post", "/api/v1/licenses", "/api/v1/licenses",
             {"authority": "BIS", "number": "SC-1", "artifacts": [digest], "destinations": ["AE"],
              "validUntil": "2027-12-31"}, 201),
            ("reviewer", "post", "/api/v1/approvals", "/api/v1/approvals",
             {"artifact": digest, "to": "IN", "by": "schema-check reviewer"}, 201),
            ("auditor", "post", "/api/v1/log/checkpoints", "/api/v1/log/checkpoints", None, 201),
            ("auditor", "post", "/api/v1/audits", "/api/v1/audits", {"rehash": "none"}, 201),
            ("admin", "post", "/api/v1/tokens", "/api/v1/tokens", {"name": "schema-check", "role": "reviewer"}, 201),
            ("admin", "delete", "/api/v1/tokens/{name}", "/api/v1/tokens/schema-check", None, 204),
            ("registrar", "post", "/api/v1/artifacts", "/api/v1/artifacts",
             {"digest": "sha256:" + "0" * 64, "form": "file", "sizeBytes": 1,
              "files": [{"path": "x.bin", "size": 1, "sha256": "sha256:" + "1" * 64}]}, 422),
        ]
        samples = {}
        for role, method, template, concrete, body, expected in cases:
            entry = operation(template, method)
            status, content_type, payload = server.call(method.upper(), concrete, body, role)
            if "application/json" in content_type:
                samples.setdefault("%s %s %d" % (method.upper(), template, status), []).append(json.loads(payload))
            calls += 1
            where = "%s %s -> %d" % (method.upper(), concrete, status)
            if status != expected:
                problems.append("%s: expected %d (%s)" % (where, expected, payload[:200]))
            if entry is None:
                continue
            if body is not None:
                request_body = entry.get("requestBody", {}).get("content", {}).get("application/json")
                if request_body is None:
                    problems.append("%s: no JSON request body in docs/openapi.yaml" % where)
                else:
                    validate(body, where + " (request)", "paths", template, method, "requestBody", "content",
                             "application/json", "schema")
            responses = entry.get("responses", {})
            response = responses.get(str(status))
            if response is None:
                problems.append("%s: status %d not in docs/openapi.yaml" % (where, status))
                continue
            parts = ["paths", template, method, "responses", str(status)]
            while "$ref" in response:
                name = response["$ref"].split("/")[-1]
                response = spec["components"]["responses"][name]
                parts = ["components", "responses", name]
            if "application/json" not in content_type:
                continue
            if "application/json" not in response.get("content", {}):
                said = list(response.get("content", {}))
                problems.append("%s: answers JSON, docs/openapi.yaml says %s" % (where, said))
                continue
            validate(json.loads(payload), where, *parts, "content", "application/json", "schema")
        if os.environ.get("OPENAPI_SAMPLES"):
            json.dump(samples, open(os.environ["OPENAPI_SAMPLES"], "w"), indent=1)
    finally:
        server.stop()
    for problem in problems:
        print(problem)
    print("check-openapi-responses: %d calls, %d problems" % (calls, len(problems)))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
