"""Documentation use case 2, "LLM Processing Pipeline", in the typed DSL.

`preprocess >> generate >> postprocess`; the model's bound `generate` method becomes a node
directly, its hints read from the method.
"""

import asyncio
from typing import Any

from typedflow import Flow, TypedPipeline, node


class FakeModel:
    """An LLM client stand-in: `generate` is a coroutine, as real clients' are."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config

    async def generate(self, prompt: str) -> str:
        await asyncio.sleep(0.001)
        return f"[{self.config['model_id']}] answer to: {prompt}"


@node
async def preprocess(text: str) -> str:
    return " ".join(text.split())


@node(name="postprocess")
def format_output(completion: str) -> dict[str, str]:
    return {"completion": completion, "length": str(len(completion))}


def llm_flow_for(model: FakeModel) -> Flow[str, dict[str, str]]:
    """The flow around one model client; its bound `generate` method becomes a node."""
    generate = node(name="generate")(model.generate)
    return preprocess >> generate >> format_output


# A module-level flow (with a default model): `typedflow check` finds and checks it.
llm_flow = llm_flow_for(FakeModel({"model_id": "fake-llm"}))


def create_llm_pipeline(model_config: dict[str, Any]) -> TypedPipeline[str, dict[str, str]]:
    return llm_flow_for(FakeModel(model_config)).build(name="llm_processing")


async def run() -> dict[str, str]:
    async with create_llm_pipeline({"model_id": "fake-llm"}) as pipeline:
        return await pipeline.run("  What is   typedflow? ")


def main() -> None:
    print(asyncio.run(run()))


if __name__ == "__main__":
    main()
