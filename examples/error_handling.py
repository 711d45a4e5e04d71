"""Documentation example 3, "Error Handling and Monitoring": a failing node and its statuses.

Changed from the documentation: `some_condition` and `processed_data` were undefined; here the
node fails on inputs containing "fail". `monitor_pipeline` also shows the run record and the
failure's chained cause, which the documentation's version could not see.
"""

import asyncio
import logging
from typing import Any

from typedflow.pipeline import NodeStatus, Pipeline, PipelineNode

# Configure logging
logging.basicConfig(level=logging.INFO)


# Define a function that might fail
async def risky_operation(data: Any) -> Any:
    if "fail" in str(data):
        raise ValueError("Operation failed")
    return f"processed {data}"


def report(data: str) -> str:
    return data.upper()


# Create node with error handling
node = PipelineNode("risky_node", risky_operation, is_async=True)


# Monitor pipeline status
async def monitor_pipeline(pipeline: Pipeline, input_data: Any) -> bool:
    try:
        await pipeline.execute(input_data)
        ok = True
    except Exception as e:  # noqa: BLE001  (the documentation's catch-all monitor)
        logging.error(f"Pipeline execution failed: {e!s} (cause: {e.__cause__!r})")  # noqa: TRY400  (no traceback wanted)
        ok = False
    status = pipeline.get_pipeline_status()

    # Check status of each node
    for node_name, node_status in status.items():
        if node_status == NodeStatus.FAILED:
            logging.error(f"Node {node_name} failed")
        elif node_status == NodeStatus.COMPLETED:
            logging.info(f"Node {node_name} completed successfully")
        elif node_status == NodeStatus.SKIPPED:
            logging.info(f"Node {node_name} was skipped")
    return ok


async def run() -> list[bool]:
    pipeline = Pipeline("monitored")
    pipeline.add_node(node)
    pipeline.add_node(PipelineNode("report", report, inline=True))
    node.connect(pipeline.get_node("report"))
    pipeline.set_start_node(node)
    async with pipeline:
        return [
            await monitor_pipeline(pipeline, "good input"),
            await monitor_pipeline(pipeline, "please fail"),
        ]


def main() -> None:
    print(asyncio.run(run()))


if __name__ == "__main__":
    main()
