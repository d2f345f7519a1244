"""A password hasher that fails the test when anything runs it."""

from django.contrib.auth.hashers import MD5PasswordHasher


class ExplodingHasher(MD5PasswordHasher):
    algorithm = "md5"

    def verify(self, password, encoded):
        raise AssertionError("the API ran a password hasher")
