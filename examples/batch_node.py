"""Documentation "Custom Node Types": `BatchNode`, micro-batching concurrent executions.

Changed from the documentation: its `BatchNode.process` returned None for every input but the
one that filled a batch (so most executions lost their result) and had no time limit. Here
inputs of concurrent executions are grouped into one call of `func(list)` when the batch is
full or `max_wait` has passed, and each execution gets its own result back.
"""

import asyncio

from typedflow.pipeline import BatchNode, Pipeline, PipelineNode

batch_sizes: list[int] = []


async def embed_batch(texts: list[str]) -> list[list[float]]:
    """One call for many inputs, as an embedding endpoint takes them."""
    batch_sizes.append(len(texts))
    await asyncio.sleep(0.005)
    return [[float(len(t)), float(t.count(" "))] for t in texts]


async def run() -> list[list[float]]:
    pipeline = Pipeline("batched")
    clean = pipeline.add_node(PipelineNode("clean", str.strip, inline=True))
    embed = pipeline.add_node(BatchNode("embed", embed_batch, batch_size=32, max_wait=0.01))
    clean.connect(embed)
    pipeline.set_start_node(clean)
    texts = [f" text number {i} " for i in range(100)]
    async with pipeline:
        results = await asyncio.gather(*(pipeline.execute(t) for t in texts))
    return [r["embed"] for r in results]


def main() -> None:
    results = asyncio.run(run())
    print(f"{len(results)} results in {len(batch_sizes)} batches of sizes {batch_sizes}")
    print(results[:3])


if __name__ == "__main__":
    main()
