"""typedflow: typed, declarative LLM and data pipelines with a fast concurrent runtime."""

from ._errors import GraphError as GraphError
from ._errors import Location as Location
from ._errors import NodeDefinitionError as NodeDefinitionError
from ._errors import NodeExecutionError as NodeExecutionError
from ._errors import NodeTypeError as NodeTypeError
from ._errors import PipelineError as PipelineError
from ._errors import Problem as Problem
from ._errors import TypedflowError as TypedflowError

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
