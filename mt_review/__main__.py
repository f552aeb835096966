from mt_review.cli import main

main()
