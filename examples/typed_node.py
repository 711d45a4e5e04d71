"""Documentation "Node Design": `TypedNode`, a node that knows its input and output types.

Changed from the documentation: its `TypedNode` stored the TypeVars themselves
(`self.input_type = T`), which says nothing about a node; typedflow's `TypedNode` reads the
function's annotations, so `input_type` is `str` and `output_type` is `int` below.
"""

import asyncio

from typedflow.pipeline import Pipeline, TypedNode


def count_words(text: str) -> int:
    return len(text.split())


async def double(n: int) -> int:
    return n * 2


async def run() -> dict[str, object]:
    counter = TypedNode("count", count_words, inline=True)
    doubler = TypedNode("double", double)
    print(f"{counter.name}: {counter.input_type} -> {counter.output_type}")
    print(f"{doubler.name}: {doubler.input_type} -> {doubler.output_type}")
    pipeline = Pipeline("typed")
    pipeline.add_node(counter)
    pipeline.add_node(doubler)
    counter.connect(doubler)
    pipeline.set_start_node(counter)
    return await pipeline.execute("one two three")


def main() -> None:
    print(asyncio.run(run()))


if __name__ == "__main__":
    main()
