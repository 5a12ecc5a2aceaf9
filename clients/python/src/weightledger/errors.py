"""The exceptions a client raises: what went wrong decides what a pipeline should do next."""


class WeightLedgerError(Exception):
    """Anything the client or the server refused."""


class BadInput(WeightLedgerError):
    """The request cannot succeed as it is: a bad path or fact, a name taken, an unknown
    reference (the server's 400, 404, 409, 413, 415 or 422). Do not retry; fix the input.

    ``status`` is the HTTP status (None when refused before anything was sent) and ``field``
    the JSON key at fault when the server named one."""

    def __init__(self, message, status=None, field=None):
        super().__init__(message)
        self.status = status
        self.field = field


class NotFound(BadInput):
    """The reference names no artifact (404)."""


class AuthError(WeightLedgerError):
    """The token was refused (401) or its role may not do this (403)."""

    def __init__(self, message, status=None):
        super().__init__(message)
        self.status = status


class Unavailable(WeightLedgerError):
    """The server could not be reached or said it is unavailable (502, 503, 504, 507), after the
    retries asked for: nothing was wrong with the request; try again later (the CLI's exit 4)."""

    def __init__(self, message, status=None, retry_after=None):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after
