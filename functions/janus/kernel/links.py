"""Where people reach Janus: the base of every link a notice e-mails.

A function is told it in ``PUBLIC_API_URL``, or, when the stack cannot tell it (the API calls the
escalations function, and the distribution at that address names the API), the name of the Systems
Manager parameter that holds it, read once, when the first notice needs it.
"""

from __future__ import annotations

from typing import Any


class PublicUrl:
    """The base of the links, with no trailing slash; ``""`` when the function is told neither."""

    def __init__(self, given: str | None, parameter: str | None, ssm: Any):
        self._url = given.rstrip("/") if given else None
        self._parameter = parameter
        self._ssm = ssm

    def __call__(self) -> str:
        if self._url is None:
            found = self._ssm.get_parameter(Name=self._parameter)["Parameter"]["Value"] if self._parameter else ""
            self._url = found.rstrip("/")
        return self._url
