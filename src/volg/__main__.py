from volg.cli import main

main()
