"""The MkDocs adapter: feeds the core's pages to MkDocs. Nothing else imports MkDocs."""
