"""The figures a benchmark judges, one line each: the large store's value, the demo's in
brackets, the target, the ratio to it, ok or MISSED. Imported by the scripts beside it."""

from __future__ import annotations

Row = tuple[str, float, float, str]  # name, value, target, the target in words


def print_judged(rows: list[Row], demo: dict[str, float], *, name_width: int = 20,
                 said_width: int = 24) -> bool:
    """Print ``rows``; True when every value is within its target."""
    met = True
    for name, value, target, said in rows:
        ok = value <= target
        met &= ok
        demo_value = demo.get(name)
        was = f"[{demo_value:8.1f}]" if demo_value is not None else " " * 10
        print(f"  {name:{name_width}} {value:9.1f} {was}  target {said:{said_width}}"
              f" ratio {value / target:5.2f}  {'ok' if ok else 'MISSED'}")
    return met
