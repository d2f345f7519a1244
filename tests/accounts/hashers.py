"""A test-only password hasher that counts how often a password is checked."""

from django.contrib.auth.hashers import MD5PasswordHasher

CALLS = {"verify": 0}


class CountingHasher(MD5PasswordHasher):
    def verify(self, password, encoded):
        CALLS["verify"] += 1
        return super().verify(password, encoded)
