"""Peak resident memory of the current process."""

from __future__ import annotations

import resource


def peak_rss_mb() -> float:
    """The process's peak resident set, in MB. On Linux this is VmHWM, not ``getrusage``:
    ``ru_maxrss`` is carried across exec, so a child started by a large parent would report
    the parent's peak (Python's subprocess uses vfork), as bench/ingest.py's 10 MB point once
    did."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
