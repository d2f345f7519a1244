"""Signing in test clients the way the site now requires: with the second factor for those who need it."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from kotacerdas.accounts.policy import requires_second_factor


def confirmed_device(user) -> TOTPDevice:
    """The user's authenticator (one is made for them if they have none)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def current_code(device: TOTPDevice) -> str:
    """The code the authenticator app shows now (freeze the clock around the request that sends it)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def force_login_verified(client, user) -> None:
    """`client.force_login`, and for someone who owes a second factor (or may use the back office) a session
    that gave it, as `django_otp.login` leaves it after a right code."""
    client.force_login(user)
    if requires_second_factor(user) or user.is_staff:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = confirmed_device(user).persistent_id
        session.save()
