"""Documentation example 1, "Creating a Simple Pipeline": an async node feeding a sync one.

Changed from the documentation: imports come from `typedflow.pipeline` (the documentation
imports `bedrock_llm.pipeline`), and `tokenize` returns `list[str]` (a bare `list` is not
allowed by mypy --strict).
"""

import asyncio

from typedflow.pipeline import Pipeline, PipelineNode

# Create a pipeline
pipeline = Pipeline("my_pipeline")


# Define node functions
async def process_text(text: str) -> str:
    return text.lower()


def tokenize(text: str) -> list[str]:
    return text.split()


# Create nodes
node1 = PipelineNode("preprocessor", process_text, is_async=True)
node2 = PipelineNode("tokenizer", tokenize, is_async=False)

# Add nodes to pipeline
pipeline.add_node(node1)
pipeline.add_node(node2)

# Connect nodes
node1.connect(node2)

# Set start node
pipeline.set_start_node(node1)


# Execute pipeline
async def run() -> None:
    async with pipeline:  # added: releases the pipeline's thread pool when done
        results = await pipeline.execute("Hello World!")
    print(results)


def main() -> None:
    # Run the pipeline
    asyncio.run(run())


if __name__ == "__main__":
    main()
