"""A script whose node is defined in `__main__`: run as `python dask_script.py ADDRESS`.

Dask workers cannot import a script, so its functions must be sent by value. Prints one JSON
line: this process's id, then each output.
"""

import asyncio
import json
import os
import sys

from typedflow import DaskExecutor, build, node

DASK = DaskExecutor(sys.argv[1])


@node(executor=DASK)
def square_where(x: int) -> tuple[int, int]:
    return x * x, os.getpid()


async def main() -> None:
    async with build(square_where) as pipeline:
        outputs = await pipeline.map(range(4), concurrency=4)
    print(json.dumps([os.getpid(), outputs]))


asyncio.run(main())
