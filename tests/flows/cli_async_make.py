"""`check cli_async_make.py:make` names an async function, which `check` does not call."""

from typedflow import Flow, node


@node
def strip(text: str) -> str:
    return text.strip()


@node
def shout(text: str) -> str:
    return text.upper()


async def make() -> Flow[str, str]:
    return strip >> shout


class _Maker:
    async def __call__(self) -> Flow[str, str]:
        return strip >> shout


make_later = _Maker()
"""Not an async function, but calling it returns a coroutine: closed, never awaited."""
