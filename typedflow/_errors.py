"""The exception tree and `Problem`, the structured build-time finding."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "GraphError",
    "Location",
    "NodeDefinitionError",
    "NodeExecutionError",
    "NodeTypeError",
    "PipelineError",
    "Problem",
    "TypedflowError",
]


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a user's source file.

    Attributes:
        path: The file, as the user would type it (relative to the working directory when
            possible).
        line: The 1-based line number.
    """

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding of the build step.

    Attributes:
        code: A stable identifier (`TF001` edge type, `TF002` cycle, ...).
        message: One sentence, identifiers in backticks.
        nodes: Names of the nodes involved, in the order the message mentions them.
        location: Where in the user's code the problem was written, if known.
    """

    code: str
    message: str
    nodes: tuple[str, ...] = ()
    location: Location | None = None

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location is not None else ""
        return f"{where}error: {self.message}  [{self.code}]"


class TypedflowError(Exception):
    """Base class of every error typedflow raises.

    Attributes:
        message: The human-readable message, without any location prefix.
    """

    __module__ = "typedflow"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NodeDefinitionError(TypedflowError, TypeError):
    """A node was defined wrongly: a bad signature or an unresolvable annotation."""

    __module__ = "typedflow"


class PipelineError(TypedflowError, ValueError):
    """A runtime `Pipeline` was put together wrongly (duplicate names, cycles, missing nodes).

    Attributes:
        problems: The setup mistakes found, each a `Problem` with its code, in the order the
            message lists them (one line each); empty for an error raised while running.
    """

    __module__ = "typedflow"

    def __init__(self, message: str = "", *, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message or "\n".join(str(p) for p in problems))
        self.problems = problems


class GraphError(TypedflowError):
    """The build step found problems; all of them are in `problems`.

    `str(error)` is the problems alone, one `path:line: error: message  [code]` line each (what
    `typedflow check` prints); `message` starts with a count (`2 problems found`) followed by the
    same lines, for a traceback that says how many there are.

    Attributes:
        problems: Every finding, in a stable order.
        message: The count line, then one line per problem.
    """

    __module__ = "typedflow"

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        count = len(problems)
        header = f"{count} problem{'s' if count != 1 else ''} found"
        super().__init__("\n".join([header, *(str(p) for p in problems)]))
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class NodeExecutionError(TypedflowError):
    """A node's function raised; the original exception is chained as `__cause__`.

    Attributes:
        node: The failing node's name.
        pipeline: The pipeline's name.
        attempts: How many times the node's function was called (retries included).
    """

    __module__ = "typedflow"

    def __init__(self, message: str, *, node: str, pipeline: str, attempts: int = 1) -> None:
        super().__init__(message)
        self.node = node
        self.pipeline = pipeline
        self.attempts = attempts


class NodeTypeError(TypedflowError, TypeError):
    """A value crossing an edge at run time did not match its declared hint."""

    __module__ = "typedflow"

    def __init__(self, message: str, *, node: str, pipeline: str) -> None:
        super().__init__(message)
        self.node = node
        self.pipeline = pipeline
