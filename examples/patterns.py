"""Documentation "Pipeline Patterns": fan-out, aggregation and filter.

Changed from the documentation: the snippets used undefined nodes; here they are defined and
run. Aggregation runs the aggregator once with the three upstream outputs as three positional
arguments, in the order the edges were connected (the documentation's implementation called it
once per upstream). `FilterNode` is a real class: a false condition ends the branch, and the
nodes below it are SKIPPED.
"""

import asyncio
from typing import Any

from typedflow.pipeline import FilterNode, NodeStatus, Pipeline, PipelineNode


async def word_count(text: str) -> int:
    return len(text.split())


async def char_count(text: str) -> int:
    return len(text)


async def vowel_count(text: str) -> int:
    return sum(c in "aeiou" for c in text.lower())


def combine(words: int, chars: int, vowels: int) -> dict[str, int]:
    return {"words": words, "chars": chars, "vowels": vowels}


def build() -> Pipeline:
    pipeline = Pipeline("patterns")
    source_node = pipeline.add_node(FilterNode("non_empty", lambda text: bool(text.strip())))
    process_node1 = pipeline.add_node(PipelineNode("words", word_count))
    process_node2 = pipeline.add_node(PipelineNode("chars", char_count))
    process_node3 = pipeline.add_node(PipelineNode("vowels", vowel_count))
    aggregator_node = pipeline.add_node(PipelineNode("combine", combine, inline=True))

    # Fan-out: create multiple parallel processing paths
    source_node.connect(process_node1)
    source_node.connect(process_node2)
    source_node.connect(process_node3)

    # Aggregation: combine results from multiple nodes
    process_node1.connect(aggregator_node)
    process_node2.connect(aggregator_node)
    process_node3.connect(aggregator_node)

    pipeline.set_start_node(source_node)
    return pipeline


async def run() -> tuple[dict[str, Any], dict[str, NodeStatus]]:
    pipeline = build()
    kept = await pipeline.execute("Fan out and back in")
    await pipeline.execute("   ")  # filtered out: everything below the filter is skipped
    return kept["combine"], pipeline.get_pipeline_status()


def main() -> None:
    combined, filtered_status = asyncio.run(run())
    print(combined)
    print(filtered_status)


if __name__ == "__main__":
    main()
