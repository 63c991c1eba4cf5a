"""`flask --app wsgi generate --scale demo|city|region --seed 1`."""
from __future__ import annotations

import time

import click
from flask.cli import with_appcontext

from workspace.generator.city import (
    BENCH_LOGINS,
    BENCH_PASSWORD,
    SCALES,
    DatabaseNotEmpty,
    check_empty,
    estimate_rows,
    generate,
    summary,
)


@click.command("generate")
@click.option("--scale", type=click.Choice(sorted(SCALES)), default="city", show_default=True,
              help="demo: ~10 institutions; city: 200 institutions, 20 networks, 100 000 history entries; "
                   "region: 10 × city (PostgreSQL: written with COPY).")
@click.option("--seed", type=int, default=1, show_default=True, help="Same seed, same city (dates aside).")
@with_appcontext
def generate_command(scale: str, seed: int) -> None:
    """Fill an EMPTY migrated database with a realistic generated city (performance work)."""
    try:
        check_empty()
    except DatabaseNotEmpty as error:
        raise click.ClickException(str(error)) from error
    started = time.perf_counter()
    with click.progressbar(length=estimate_rows(SCALES[scale]), label=f"Generating {scale} (seed {seed})",
                           show_eta=True, show_percent=True) as bar:
        try:
            generate(scale, seed, progress=bar.update)
        except DatabaseNotEmpty as error:
            raise click.ClickException(str(error)) from error
        bar.update(bar.length)  # estimates are estimates: finish the bar
    elapsed = time.perf_counter() - started
    counts = summary()
    click.echo(f"Done in {elapsed:.1f} s: " + ", ".join(f"{n} {table}" for table, n in counts.items()))
    click.echo(f"\nBench logins (password for every generated account: {BENCH_PASSWORD}):")
    for who, email in BENCH_LOGINS.items():
        click.echo(f"  {email:42} {who}")
