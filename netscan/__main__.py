from netscan.cli import cli

cli()
