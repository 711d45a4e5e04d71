"""Documentation "Pipeline Organization": a sub-pipeline used as one node of a larger one.

Changed from the documentation: its `SubPipeline` class left `_setup_nodes` empty and could
not be connected to other nodes. typedflow's `SubPipeline(name, pipeline)` is a real node;
`TextCleaner` below keeps the documentation's shape (a class holding a configured pipeline).
"""

import asyncio
from typing import Any

from typedflow.pipeline import Pipeline, PipelineNode, SubPipeline


class TextCleaner:
    """A configured group of nodes: strip, optionally lowercase, collapse spaces."""

    def __init__(self, name: str, config: dict[str, Any]) -> None:
        self.pipeline = Pipeline(name)
        self.config = config
        self._setup_nodes()

    def _setup_nodes(self) -> None:
        # Create and connect nodes specific to this sub-pipeline
        strip = self.pipeline.add_node(PipelineNode("strip", str.strip, inline=True))
        lower = self.pipeline.add_node(
            PipelineNode("lower", str.lower if self.config["lowercase"] else str, inline=True)
        )
        collapse = self.pipeline.add_node(
            PipelineNode("collapse", lambda s: " ".join(s.split()), inline=True)
        )
        strip.connect(lower).connect(collapse)
        self.pipeline.set_start_node(strip)

    async def execute(self, data: Any) -> Any:
        return await self.pipeline.execute(data)


async def run() -> dict[str, Any]:
    cleaner = TextCleaner("cleaner", {"lowercase": True})
    outer = Pipeline("outer")
    clean = outer.add_node(SubPipeline("clean", cleaner.pipeline))
    count = outer.add_node(PipelineNode("count", lambda s: len(s.split()), inline=True))
    clean.connect(count)
    outer.set_start_node(clean)
    async with outer:
        return await outer.execute("  Hello    Sub   Pipelines ")


def main() -> None:
    print(asyncio.run(run()))


if __name__ == "__main__":
    main()
