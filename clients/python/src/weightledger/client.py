"""An HTTP client for a WeightLedger server (``weightledger serve``): the standard library only."""

import json
import os
import socket
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence

from .errors import AuthError, BadInput, NotFound, Unavailable, WeightLedgerError
from .hashing import hash_path

UNAVAILABLE_STATUSES = (502, 503, 504, 507)
MAX_WAIT = 30.0
MAX_RETRY_AFTER = 300.0


@dataclass(frozen=True)
class Identity:
    """The token a client holds, as the server knows it (``GET /api/v1/whoami``)."""

    name: str
    role: str
    permissions: List[str]


@dataclass(frozen=True)
class Artifact:
    """An artifact as the server shows it; ``raw`` holds every field of the answer."""

    digest: str
    names: List[str]
    kind: str
    form: str
    size_bytes: int
    parents: List[str]
    compute: Dict[str, Any]
    cumulative_compute: Dict[str, Any]
    raw: Dict[str, Any]

    @classmethod
    def from_json(cls, value):
        if not isinstance(value, dict) or not isinstance(value.get("digest"), str):
            raise WeightLedgerError("the server's answer is not an artifact")
        return cls(
            digest=value["digest"],
            names=list(value.get("names") or []),
            kind=str(value.get("kind")),
            form=str(value.get("form")),
            size_bytes=int(value.get("sizeBytes") or 0),
            parents=list(value.get("parents") or []),
            compute=dict(value.get("compute") or {}),
            cumulative_compute=dict(value.get("cumulativeCompute") or {}),
            raw=value,
        )


@dataclass(frozen=True)
class Registration:
    """What registering answered: ``registered`` (new bytes), ``reregistered`` or ``unchanged``."""

    status: str
    artifact: Artifact
    raw: Dict[str, Any]

    @property
    def digest(self):
        return self.artifact.digest


@dataclass(frozen=True)
class Lineage:
    """Ancestors (or descendants) of an artifact, root first, and the edges between them."""

    root: str
    direction: str
    nodes: List[Artifact]
    edges: List[Dict[str, Any]]
    raw: Dict[str, Any]


@dataclass(frozen=True)
class Check:
    """May these weights go there on that date: ``needs_action`` when a finding is unresolved
    (the CLI's exit 1); ``raw`` holds every pack's verdict and findings."""

    artifact: str
    destination: str
    needs_action: bool
    raw: Dict[str, Any]


def _compute(operations=None, parameters=None, tokens=None, accelerator=None, count=None, hours=None,
             utilization=None, precision=None, estimator=None):
    compute = {
        key: value
        for key, value in (
            ("operations", operations), ("parameters", parameters), ("tokens", tokens),
            ("accelerator", accelerator), ("count", count), ("hours", hours),
            ("utilization", utilization), ("precision", precision), ("estimator", estimator),
        )
        if value is not None
    }
    return compute or None


class Client:
    """A WeightLedger server at ``url`` with a token (``token=`` or ``token_file=``, else
    ``$WEIGHTLEDGER_TOKEN``). Calls that fail because the server is unreachable or unavailable
    are tried again ``retries`` times, waiting 1, 2, 4… s (at most 30 s) or what the server's
    Retry-After says (at most 300 s)."""

    def __init__(self, url: str, token: Optional[str] = None, token_file: Optional[str] = None,
                 retries: int = 3, timeout: float = 60.0, jobs: Optional[int] = None, log=None):
        parsed = urllib.parse.urlsplit(url or "")
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise BadInput("server: %r is not an http:// or https:// URL" % (url,))
        if token is None and token_file is not None:
            try:
                with open(token_file, encoding="utf-8") as handle:
                    token = handle.read().strip()
            except OSError as error:
                raise BadInput("token_file %s: cannot read it (%s)" % (token_file, error.strerror)) from None
        if token is None:
            token = os.environ.get("WEIGHTLEDGER_TOKEN", "").strip() or None
        if not token or any(c.isspace() for c in token):
            raise BadInput("no token (token=, token_file= or $WEIGHTLEDGER_TOKEN)")
        if not 0 <= retries <= 100:
            raise BadInput("retries must be between 0 and 100")
        self.url = url.rstrip("/")
        self.token = token
        self.retries = retries
        self.timeout = timeout
        self.jobs = jobs
        self._log = log or (lambda line: print(line, file=sys.stderr))
        self._place = parsed.netloc

    # --- reading ---

    def whoami(self) -> Optional[Identity]:
        """The token's name, role and permissions; None from a server without the route (0.3.x)."""
        try:
            value = self._call("GET", "/api/v1/whoami")
        except NotFound:
            return None
        if not isinstance(value, dict):
            raise WeightLedgerError("%s: GET /api/v1/whoami did not answer a token's identity" % self._place)
        return Identity(str(value.get("name")), str(value.get("role")), list(value.get("permissions") or []))

    def show(self, ref: str, on: Optional[str] = None) -> Artifact:
        """An artifact by digest, unique hex prefix or name, as of ``on`` (YYYY-MM-DD) if given."""
        query = {"on": on} if on else None
        return Artifact.from_json(self._call("GET", "/api/v1/artifacts/" + _segment(ref), query=query))

    def lineage(self, ref: str, descendants: bool = False) -> Lineage:
        """Its ancestors (or descendants), root first."""
        value = self._call("GET", "/api/v1/artifacts/%s/lineage" % _segment(ref),
                           query={"direction": "descendants" if descendants else "ancestors"})
        return Lineage(
            root=value.get("root"), direction=value.get("direction"),
            nodes=[Artifact.from_json(node) for node in value.get("nodes") or []],
            edges=list(value.get("edges") or []), raw=value)

    def check(self, ref: str, to: str, on: Optional[str] = None, kind: Optional[str] = None,
              exporter: Optional[str] = None) -> Check:
        """Every pack's findings for these weights going to country ``to`` on date ``on``."""
        query = {"artifact": ref, "to": to}
        for key, value in (("on", on), ("kind", kind), ("exporter", exporter)):
            if value is not None:
                query[key] = value
        value = self._call("GET", "/api/v1/check", query=query)
        return Check(artifact=str(value.get("artifact")), destination=str(value.get("destination")),
                     needs_action=bool(value.get("needsAttention")), raw=value)

    # --- registering ---

    def register(self, path, name: Optional[str] = None, names: Sequence[str] = (), parents: Sequence[str] = (),
                 kind: Optional[str] = None, trained_in: Optional[str] = None, site: Optional[str] = None,
                 compute: Optional[float] = None, params: Optional[float] = None, tokens: Optional[float] = None,
                 accelerator: Optional[str] = None, count: Optional[float] = None, hours: Optional[float] = None,
                 utilization: Optional[float] = None, precision: Optional[str] = None,
                 estimator: Optional[str] = None, developer: Optional[str] = None, base_models: Sequence[str] = (), started: Optional[str] = None,
                 finished: Optional[str] = None, follow_symlinks: bool = False, ignore: Sequence[str] = (),
                 record_location: bool = True, allow_similar_name: bool = False) -> Registration:
        """Hashes ``path`` here (a file or a directory, as ``weightledger hash``) and registers it
        with its facts. The server and the token are checked first: a token that may not register
        is refused before a byte is read."""
        identity = self.whoami()
        if identity is not None and "register" not in identity.permissions:
            raise AuthError("%s: token %s has role %s, which may not register artifacts (needs registrar or admin)"
                            % (self._place, identity.name, identity.role), status=403)
        hashed = hash_path(path, jobs=self.jobs, follow_symlinks=follow_symlinks, ignore=ignore)
        body: Dict[str, Any] = {
            "digest": hashed.digest, "form": hashed.form, "sizeBytes": hashed.size_bytes,
            "files": [entry.to_json() for entry in hashed.files],
        }
        all_names = ([name] if name else []) + list(names)
        optional = {
            "names": all_names or None, "parents": list(parents) or None, "kind": kind, "trainedIn": trained_in,
            "site": site, "developer": developer, "baseModels": list(base_models) or None, "started": started,
            "finished": finished,
            "compute": _compute(compute, params, tokens, accelerator, count, hours, utilization, precision,
                                estimator),
            "allowSimilarName": True if allow_similar_name else None,
        }
        if follow_symlinks or ignore:
            optional["hashing"] = {"followSymlinks": bool(follow_symlinks), "ignore": list(ignore)}
        if record_location:
            optional["location"] = "%s:%s" % (socket.gethostname(), os.path.abspath(os.fspath(path)))
        body.update({key: value for key, value in optional.items() if value is not None})
        # Registering known bytes again answers 200 with nothing new: a retry after a lost answer is safe.
        value = self._call("POST", "/api/v1/artifacts", body=body)
        return Registration(status=str(value.get("status")), artifact=Artifact.from_json(value.get("artifact")),
                            raw=value)

    # --- the wire ---

    def _call(self, method, path, query=None, body=None):
        url = self.url + path + ("?" + urllib.parse.urlencode(query) if query else "")
        data = json.dumps(body).encode("utf-8") if body is not None else None
        attempt = 0
        while True:
            try:
                return self._send(method, url, data)
            except Unavailable as error:
                if attempt >= self.retries:
                    raise
                wait = min(MAX_WAIT, float(2 ** attempt))
                if error.retry_after is not None:
                    wait = min(MAX_RETRY_AFTER, float(error.retry_after))
                attempt += 1
                self._log("%s; trying again in %g s (%d of %d)" % (error, wait, attempt, self.retries))
                time.sleep(wait)

    def _send(self, method, url, data):
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Authorization", "Bearer " + self.token)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                payload = response.read()
        except urllib.error.HTTPError as error:
            raise self._refusal(method, url, error) from None
        except (urllib.error.URLError, OSError, socket.timeout) as error:
            reason = getattr(error, "reason", error)
            raise Unavailable("%s: cannot reach the server (%s)" % (self._place, reason)) from None
        try:
            return json.loads(payload.decode("utf-8"))
        except ValueError:
            raise WeightLedgerError("%s: %s %s did not answer JSON" % (self._place, method, _route(url))) from None

    def _refusal(self, method, url, error):
        status = error.code
        try:
            answer = json.loads(error.read().decode("utf-8"))
        except (ValueError, OSError):
            answer = {}
        detail = answer.get("error") if isinstance(answer, dict) else None
        detail = detail if isinstance(detail, dict) else {}
        message = detail.get("message")
        field = detail.get("field")
        said = "%s: %s %s answered %d%s" % (self._place, method, _route(url), status,
                                             (": " + _line(message)) if message else "")
        if status in UNAVAILABLE_STATUSES:
            retry_after = error.headers.get("Retry-After") if error.headers else None
            seconds = int(retry_after) if retry_after and retry_after.isdigit() else None
            return Unavailable(said, status=status, retry_after=seconds)
        if status in (401, 403):
            return AuthError(said + ("" if status == 403 else " (the token was refused)"), status=status)
        if status == 404:
            return NotFound(said, status=status, field=field)
        if 400 <= status < 500:
            return BadInput(said, status=status, field=field)
        return WeightLedgerError(said)


def _segment(ref: str) -> str:
    return urllib.parse.quote(ref, safe="")


def _route(url: str) -> str:
    return urllib.parse.urlsplit(url).path


def _line(text) -> str:
    """Server text shown in one line, control characters escaped."""
    return "".join(c if c.isprintable() else "\\u%04x" % ord(c) for c in str(text))[:500]
