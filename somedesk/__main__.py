from somedesk.entry import main

raise SystemExit(main())
