from somedesk.cli import main

raise SystemExit(main())
