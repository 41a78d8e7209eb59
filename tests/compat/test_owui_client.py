"""chatshare's Open WebUI API, driven by a real third-party client: owui-client 11.0.0.

Only the client's public methods are used for the flow; accounts are created with plain HTTP
first. The flow runs twice: with the session token that sign-in returns, and with an API key.
Every response is parsed by the client's pydantic models, so a missing or mistyped field fails.
"""

import asyncio
import os
import sys
import time

import httpx
from owui_client import OpenWebUI
from owui_client.models.auths import SigninForm
from owui_client.models.chats import ChatForm

BASE = os.environ["CHATSHARE_URL"].rstrip("/")
API = BASE + "/api"
PASSWORD = "correct horse battery"


def check(cond, what):
    if not cond:
        raise AssertionError(what)
    print(f"  ok  {what}")


def signup(name, email):
    r = httpx.post(f"{API}/v1/auths/signup", json={"name": name, "email": email, "password": PASSWORD})
    if r.status_code != 200:
        raise AssertionError(f"sign-up of {email}: {r.status_code} {r.text}")
    return r.json()


def approve(admin_token, user_id):
    r = httpx.post(
        f"{API}/v1/users/{user_id}/update",
        json={"role": "user"},
        headers={"Authorization": f"Bearer {admin_token}"},
    )
    if r.status_code != 200:
        raise AssertionError(f"approve {user_id}: {r.status_code} {r.text}")


def chat_json(title, turns):
    """Open WebUI's chat JSON for a linear conversation of (role, content) pairs."""
    messages, parent = {}, None
    for i, (role, content) in enumerate(turns):
        mid = f"m{i}"
        messages[mid] = {
            "id": mid, "parentId": parent, "childrenIds": [], "role": role,
            "content": content, "timestamp": 1731000000 + i,
        }
        if role == "assistant":
            messages[mid]["model"] = "llama3.1:8b"
        if parent:
            messages[parent]["childrenIds"].append(mid)
        parent = mid
    return {
        "title": title, "models": ["llama3.1:8b"], "params": {"system": "owner-only prompt"},
        "history": {"messages": messages, "currentId": parent}, "tags": ["compat"],
    }


async def expect_status(coro, status, what):
    try:
        await coro
    except httpx.HTTPStatusError as e:
        check(e.response.status_code == status, f"{what} → {status} (got {e.response.status_code})")
        return
    raise AssertionError(f"{what}: expected HTTP {status}, got success")


async def flow(mode, owner_email, viewer_email):
    print(f"flow with {mode}")
    owner = OpenWebUI(api_url=API)
    signed = await owner.auths.signin(SigninForm(email=owner_email, password=PASSWORD))
    check(isinstance(signed.token, str) and signed.token, "signin returns a token")
    check(isinstance(signed.profile_image_url, str), "signin carries profile_image_url (a string)")
    if mode == "api key":
        key = await owner.auths.generate_api_key()
        check(bool(key.api_key), "generate_api_key returns a key")
        owner = OpenWebUI(api_url=API, api_key=key.api_key)
    else:
        owner = OpenWebUI(api_url=API, api_key=signed.token)
    me = await owner.auths.get_session_user()
    check(me.email == owner_email and isinstance(me.profile_image_url, str), "get_session_user knows the owner")

    title = f"Compat {mode} {time.time_ns()}"
    created = await owner.chats.create_new(ChatForm(chat=chat_json(title, [
        ("user", "How often should I water a cactus?"),
        ("assistant", "About every two weeks in summer."),
    ])))
    check(created.title == title and isinstance(created.created_at, int), "create_new: title and integer timestamps")
    check(created.archived is False and isinstance(created.meta, dict), "create_new: boolean archived, meta an object")
    check(created.user_id == me.id, "create_new: the chat is the owner's")

    updated = await owner.chats.update(created.id, ChatForm(chat=chat_json(title, [
        ("user", "How often should I water a cactus?"),
        ("assistant", "About every two weeks in summer."),
        ("user", "And in winter?"),
        ("assistant", "Once a month at most."),
    ])))
    check(len(updated.chat["history"]["messages"]) == 4, "update: four messages stored")
    check(updated.updated_at >= created.updated_at, "update: updated_at moves forward")

    shared = await owner.chats.share(created.id)
    check(shared.share_id is not None and shared.id == created.id, "share: the chat now has a share_id")
    share_id = shared.share_id

    viewer = OpenWebUI(api_url=API)
    await viewer.auths.signin(SigninForm(email=viewer_email, password=PASSWORD))
    seen = await viewer.chats.get_shared(share_id)
    check(seen.title == title, "get_shared (second user): the title")
    check(seen.chat["history"]["currentId"] == "m3", "get_shared: the whole branch")
    check("system" not in seen.chat.get("params", {}), "get_shared: the owner's system prompt is not shown")

    clone = await viewer.chats.clone_shared(share_id)
    check(clone.id != created.id and clone.share_id is None, "clone_shared: a new, unshared chat")
    check(clone.chat["history"]["messages"]["m3"]["content"] == "Once a month at most.", "clone_shared: the messages")

    check(await owner.chats.delete_shared(created.id) is True, "delete_shared answers true")
    await expect_status(viewer.chats.get_shared(share_id), 404, "get_shared after delete_shared")

    again = await owner.chats.share(created.id)
    check(again.share_id != share_id, "share again: a new link")
    check(await owner.chats.unshare_all() is True, "unshare_all answers true")
    await expect_status(viewer.chats.get_shared(again.share_id), 404, "get_shared after unshare_all")

    check(await owner.chats.delete(created.id) is True, "delete answers true")
    await expect_status(owner.chats.share(created.id), 404, "share of a deleted chat")
    check(await viewer.chats.delete(clone.id) is True, "the viewer deletes their clone")


async def main():
    stamp = time.time_ns()
    admin = signup("Compat Admin", f"compat-admin-{stamp}@example.com")
    viewer = signup("Compat Viewer", f"compat-viewer-{stamp}@example.com")
    if admin["role"] != "admin":
        raise AssertionError("the compatibility test needs a fresh instance (the first account is admin)")
    approve(admin["token"], viewer["id"])
    for mode in ("session token", "api key"):
        await flow(mode, admin["email"], viewer["email"])
    print("owui-client 11.0.0: every call passed")


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except Exception as e:  # noqa: BLE001 - print what failed, exit non-zero
        print(f"FAILED: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
