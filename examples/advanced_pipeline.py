"""Documentation example 2, "Advanced Pipeline Configuration": a five-node chain.

Changed from the documentation: imports come from `typedflow.pipeline`; the `lambda` and
`str.split` nodes run `inline=True` (cheap functions, no thread hop needed); annotations use
`list[str]`/`dict[str, Any]` for mypy --strict; and the documentation builds the pipeline but
never runs it, so `main()` runs it.
"""

import asyncio
from typing import Any

from typedflow.pipeline import Pipeline, PipelineNode


# Define complex node functions
async def embed_text(tokens: list[str]) -> dict[str, Any]:
    # Simulate embedding generation
    return {"tokens": tokens, "embeddings": [0.1, 0.2, 0.3]}


async def classify_text(data: dict[str, Any]) -> dict[str, Any]:
    # Simulate classification
    return {**data, "classification": "positive"}


def aggregate_results(data: dict[str, Any]) -> dict[str, Any]:
    # Aggregate and format results
    return {
        "final_result": {
            "classification": data["classification"],
            "confidence": 0.95,
            "embeddings": data["embeddings"],
        }
    }


def create_pipeline() -> Pipeline:
    # Create pipeline with multiple paths
    pipeline = Pipeline("advanced_pipeline")

    # Create nodes
    preprocess = PipelineNode("preprocess", lambda x: x.lower(), is_async=False, inline=True)
    tokenize = PipelineNode("tokenize", str.split, is_async=False, inline=True)
    embed = PipelineNode("embed", embed_text, is_async=True)
    classify = PipelineNode("classify", classify_text, is_async=True)
    aggregate = PipelineNode("aggregate", aggregate_results, is_async=False)

    # Add nodes
    for node in [preprocess, tokenize, embed, classify, aggregate]:
        pipeline.add_node(node)

    # Create complex connections
    preprocess.connect(tokenize)
    tokenize.connect(embed)
    embed.connect(classify)
    classify.connect(aggregate)

    # Set start node
    pipeline.set_start_node(preprocess)
    return pipeline


async def run() -> dict[str, Any]:
    async with create_pipeline() as pipeline:
        return await pipeline.execute("The Quick Brown Fox")


def main() -> None:
    results = asyncio.run(run())
    print(results["aggregate"])


if __name__ == "__main__":
    main()
