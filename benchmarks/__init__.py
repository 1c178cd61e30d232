"""Quality and speed benchmarks on real data from ../shared/data."""
