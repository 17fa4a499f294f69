"""Type stubs of the native module ``scrubjay._scrubjay`` (private: import from ``scrubjay``)."""

from collections.abc import Iterable
from typing import Literal, Optional, Tuple, TypedDict, Union, final

from typing_extensions import Self, disjoint_base

__all__ = [
    "ConfigError",
    "Finding",
    "JsonError",
    "JsonFinding",
    "Scrubber",
    "ScrubjayError",
    "__version__",
    "builtin_rules",
    "profiles",
    "validators",
]

__version__: str

# Names for typing only (not in the runtime module).
Action = Literal["replace", "mask", "hash", "remove", "keep"]

class ScrubjayError(ValueError):
    """Base class of the errors scrubjay raises (a subclass of ValueError)."""

class ConfigError(ScrubjayError):
    """The configuration is invalid; the message names the rule or setting and how to fix it."""

class JsonError(ScrubjayError):
    """The JSON text to scrub is not valid JSON."""

class RuleInfo(TypedDict):
    id: str
    description: str
    kind: str
    action: str
    priority: int

class BuiltinRuleInfo(TypedDict):
    id: str
    summary: str
    category: str
    in_default_profile: bool

@final
class Finding:
    """A finding in a text: which rule matched where, and what is done with it."""

    @property
    def rule(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def action(self) -> Action: ...
    @property
    def text(self) -> Union[str, bytes, None]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self, /) -> int: ...

@final
class JsonFinding:
    """A finding in a JSON document."""

    @property
    def pointer(self) -> str: ...
    @property
    def rule(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def action(self) -> Action: ...
    @property
    def whole(self) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self, /) -> int: ...

@disjoint_base
class Scrubber:
    """The compiled scrubber (use ``scrubjay.Scrubber``, which also takes configs as dicts and paths)."""

    def __new__(cls, config: Optional[str] = None) -> Self: ...
    def scrub(self, text: str) -> str: ...
    def scrub_bytes(self, data: bytes | bytearray) -> bytes: ...
    def find(self, text: str, *, with_text: bool = False) -> list[Finding]: ...
    def find_bytes(self, data: bytes | bytearray, *, with_text: bool = False) -> list[Finding]: ...
    def scrub_with_findings(self, text: str, *, with_text: bool = False) -> Tuple[str, list[Finding]]: ...
    def scrub_many(self, texts: Iterable[str], *, threads: Optional[int] = None) -> list[str]: ...
    def scrub_json_str(self, text: str) -> str: ...
    def scrub_json_str_with_report(self, text: str) -> Tuple[str, list[JsonFinding]]: ...
    def report_json_str(self, text: str) -> list[JsonFinding]: ...
    def rules(self) -> list[RuleInfo]: ...

def builtin_rules() -> list[BuiltinRuleInfo]: ...
def profiles() -> list[str]: ...
def validators() -> list[str]: ...
