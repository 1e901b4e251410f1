"""scripts/benchmark.py's parts: systems (adapters), datasets (records), metrics (scores, bootstrap),
run (the interleaved run) and report (markdown and plots)."""
