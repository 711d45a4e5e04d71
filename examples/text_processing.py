"""Documentation use case 1, "Text Processing Pipeline": clean, tokenize, embed.

Changed from the documentation: `get_embeddings` was undefined; here it is a deterministic
stand-in for an embedding service. The `lambda` and `str.split` nodes run `inline=True`.
"""

import asyncio

from typedflow.pipeline import Pipeline, PipelineNode


async def get_embeddings(tokens: list[str]) -> list[list[float]]:
    """Stand-in for an embedding service: one small vector per token."""
    await asyncio.sleep(0)
    return [[len(t) / 10, sum(map(ord, t)) % 97 / 97] for t in tokens]


# Text processing pipeline example
async def create_text_pipeline() -> Pipeline:
    pipeline = Pipeline("text_processing")

    # Create nodes
    clean = PipelineNode("clean", lambda x: x.lower().strip(), is_async=False, inline=True)
    tokenize = PipelineNode("tokenize", str.split, is_async=False, inline=True)
    embed = PipelineNode("embed", get_embeddings, is_async=True)

    # Add and connect nodes
    pipeline.add_node(clean)
    pipeline.add_node(tokenize)
    pipeline.add_node(embed)

    clean.connect(tokenize)
    tokenize.connect(embed)

    pipeline.set_start_node(clean)
    return pipeline


async def run() -> list[list[float]]:
    pipeline = await create_text_pipeline()
    results = await pipeline.execute("  Typed Pipelines Are Fast ")
    embeddings: list[list[float]] = results["embed"]
    return embeddings


def main() -> None:
    print(asyncio.run(run()))


if __name__ == "__main__":
    main()
