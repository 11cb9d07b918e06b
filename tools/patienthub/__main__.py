from patienthub.adapters.cli import main

raise SystemExit(main())
