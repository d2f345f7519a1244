class ApplicationError(Exception):
    """A refusal the user should read: the message is already translated.

    `fields` maps a field name to its messages, so forms and the API can show them next to the input.
    """

    def __init__(self, message, *, fields: dict | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}
