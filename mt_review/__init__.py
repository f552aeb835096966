"""mt-review: review machine-translated web pages against their source.

The pipeline, one stage per module::

    ingest -> pairing -> furniture -> segment -> align -> translate -> score -> report -> gate

``mt_review.pipeline.review_paths`` runs it; the CLI is a thin layer over it.
"""

__version__ = "0.1.0"
