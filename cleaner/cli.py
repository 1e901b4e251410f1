"""Command line (placeholder until the CLI issue)."""
import typer
app = typer.Typer()
