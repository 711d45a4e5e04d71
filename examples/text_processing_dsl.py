"""Documentation use case 1, "Text Processing Pipeline", in the typed DSL.

`clean >> tokenize >> embed`: `build` checks every edge before anything runs; `run` returns
the sink's typed output.
"""

import asyncio

from typedflow import TypedPipeline, node


@node(inline=True)
def clean(text: str) -> str:
    return text.lower().strip()


@node(inline=True)
def tokenize(text: str) -> list[str]:
    return text.split()


@node
async def embed(tokens: list[str]) -> list[list[float]]:
    """Stand-in for an embedding service: one small vector per token."""
    await asyncio.sleep(0)
    return [[len(t) / 10, sum(map(ord, t)) % 97 / 97] for t in tokens]


# A module-level flow: `typedflow check examples/text_processing_dsl.py` finds and checks it.
text_flow = clean >> tokenize >> embed


def create_text_pipeline() -> TypedPipeline[str, list[list[float]]]:
    return text_flow.build(name="text_processing")


async def run() -> list[list[float]]:
    async with create_text_pipeline() as pipeline:
        return await pipeline.run("  Typed Pipelines Are Fast ")


def main() -> None:
    print(asyncio.run(run()))


if __name__ == "__main__":
    main()
