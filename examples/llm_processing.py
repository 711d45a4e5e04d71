"""Documentation use case 2, "LLM Processing Pipeline": preprocess, generate, postprocess.

Changed from the documentation: `preprocess_text`, `format_output` and `model` were undefined;
here `FakeModel` stands in for an LLM client whose `generate` is async. The documentation's
`PipelineNode("generate", lambda x: model.generate(x), is_async=True)` is kept as written: with
`is_async=True`, typedflow awaits what the lambda returns.
"""

import asyncio
from typing import Any

from typedflow.pipeline import Pipeline, PipelineNode


class FakeModel:
    """An LLM client stand-in: `generate` is a coroutine, as real clients' are."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config

    async def generate(self, prompt: str) -> str:
        await asyncio.sleep(0.001)
        return f"[{self.config['model_id']}] answer to: {prompt}"


async def preprocess_text(text: str) -> str:
    return " ".join(text.split())


def format_output(completion: str) -> dict[str, str]:
    return {"completion": completion, "length": str(len(completion))}


# LLM processing pipeline example
async def create_llm_pipeline(model_config: dict[str, Any]) -> Pipeline:
    pipeline = Pipeline("llm_processing")
    model = FakeModel(model_config)

    # Create specialized nodes
    preprocess = PipelineNode("preprocess", preprocess_text, is_async=True)
    generate = PipelineNode("generate", lambda x: model.generate(x), is_async=True)
    postprocess = PipelineNode("postprocess", format_output, is_async=False)

    # Add and connect nodes
    pipeline.add_node(preprocess)
    pipeline.add_node(generate)
    pipeline.add_node(postprocess)

    preprocess.connect(generate)
    generate.connect(postprocess)

    pipeline.set_start_node(preprocess)
    return pipeline


async def run() -> dict[str, str]:
    pipeline = await create_llm_pipeline({"model_id": "fake-llm"})
    async with pipeline:
        results = await pipeline.execute("  What is   typedflow? ")
    output: dict[str, str] = results["postprocess"]
    return output


def main() -> None:
    print(asyncio.run(run()))


if __name__ == "__main__":
    main()
