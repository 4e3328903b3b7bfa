"""A foreign WebSocket server for signalgate-check's tests (issue 11).

Built the way many FastAPI tutorials build one, so the scenario engine meets
a server that is not ours. Two variants:

  json    POST /auth/login {"username","password"} answers
          {"access_token","token_type":"Bearer","expires_in"} (no refresh
          token); /ws?token=... is accept-then-close 1008 with its own reasons;
          after a good token it sends {"type":"connected"} and then
          {"type":"price",...} messages.
  oauth2  POST /token as an OAuth2 password-grant form (FastAPI's
          OAuth2PasswordRequestForm); /ws/agent/{session_id} with the token
          offered as a subprotocol entry of its own; no welcome message, only
          {"type":"tick",...} messages.

Neither checks the Origin or limits anything: those are the gaps the tool must
find. Tokens are HS256 JWTs with the key given on the command line, so a test
can forge them too. One user, given on the command line.

  /usr/bin/python3 tutorial_server.py --variant json|oauth2 [--port P] \
      --user demo --password demo --key-file F [--ttl S]

Port 0 (the default) takes a free one. Prints "listening on
http://127.0.0.1:P" once it accepts connections, and "session <id>" for each
/ws/agent/{session_id} connection, so a test can see the ids are fresh.
"""

import argparse
import asyncio
import base64
import hashlib
import hmac
import json
import socket
import sys
import time
import uuid

import uvicorn
from fastapi import Depends, FastAPI, HTTPException, WebSocket
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import BaseModel


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Tokens:
    """HS256 JWTs: what a tutorial does with python-jose, without the dependency."""

    def __init__(self, key: bytes, ttl: int):
        self.key = key
        self.ttl = ttl

    def issue(self, subject: str) -> str:
        now = int(time.time())
        header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
        claims = b64url(json.dumps({"sub": subject, "iat": now, "exp": now + self.ttl}).encode())
        signature = hmac.new(self.key, f"{header}.{claims}".encode(), hashlib.sha256).digest()
        return f"{header}.{claims}.{b64url(signature)}"

    def subject(self, token: str):
        """The subject of a valid token, or (None, reason)."""
        parts = token.split(".")
        if len(parts) != 3:
            return None, "malformed token"
        try:
            header = json.loads(b64url_decode(parts[0]))
            claims = json.loads(b64url_decode(parts[1]))
            signature = b64url_decode(parts[2])
        except (ValueError, json.JSONDecodeError):
            return None, "malformed token"
        if header.get("alg") != "HS256":
            return None, "unsupported algorithm"
        expected = hmac.new(self.key, f"{parts[0]}.{parts[1]}".encode(), hashlib.sha256).digest()
        if not hmac.compare_digest(signature, expected):
            return None, "bad signature"
        if not isinstance(claims.get("exp"), (int, float)) or claims["exp"] <= time.time():
            return None, "token expired"
        if not isinstance(claims.get("sub"), str):
            return None, "no subject"
        return claims["sub"], ""


class Login(BaseModel):
    username: str
    password: str


def build(variant: str, user: str, password: str, tokens: Tokens) -> FastAPI:
    app = FastAPI()

    def check(username: str, given: str) -> dict:
        if username != user or not hmac.compare_digest(given.encode(), password.encode()):
            raise HTTPException(status_code=401, detail="Incorrect username or password")
        return {"access_token": tokens.issue(username), "token_type": "bearer", "expires_in": tokens.ttl}

    async def stream(websocket: WebSocket, kind: str, welcome: bool):
        if welcome:
            await websocket.send_json({"type": "connected"})
        seq = 0
        try:
            while True:
                seq += 1
                await websocket.send_json({"type": kind, "seq": seq, "symbol": "BTC-USD", "price": 100.0 + seq})
                await asyncio.sleep(0.2)
        except Exception:  # the client went away
            return

    if variant == "json":
        @app.post("/auth/login")
        async def login(body: Login):
            return check(body.username, body.password)

        @app.websocket("/ws")
        async def ws(websocket: WebSocket, token: str = ""):
            await websocket.accept()
            if not token:
                await websocket.close(code=1008, reason="missing token")
                return
            subject, why = tokens.subject(token)
            if subject is None:
                await websocket.close(code=1008, reason=why)
                return
            await stream(websocket, "price", welcome=True)
    else:
        @app.post("/token")
        async def token(form: OAuth2PasswordRequestForm = Depends()):
            return check(form.username, form.password)

        @app.websocket("/ws/agent/{session_id}")
        async def agent(websocket: WebSocket, session_id: str):
            print(f"session {session_id}", flush=True)
            offered = websocket.scope.get("subprotocols", [])
            token = offered[0] if offered else ""
            # The token is echoed as the chosen subprotocol, as such servers do.
            await websocket.accept(subprotocol=token or None)
            subject, why = tokens.subject(token) if token else (None, "not authenticated")
            if subject is None:
                await websocket.close(code=1008, reason=why)
                return
            await stream(websocket, "tick", welcome=False)

    return app


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variant", choices=["json", "oauth2"], required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--user", default="demo")
    parser.add_argument("--password", default="demo")
    parser.add_argument("--key-file", required=True)
    parser.add_argument("--ttl", type=int, default=900)
    args = parser.parse_args()
    with open(args.key_file, "rb") as key_file:
        key = key_file.read()
    app = build(args.variant, args.user, args.password, Tokens(key, args.ttl))

    # Bound here, so port 0 works and the port printed is the real one.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", args.port))
    port = listener.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", ws="websockets")
    server = uvicorn.Server(config)

    async def serve():
        task = asyncio.create_task(server.serve(sockets=[listener]))
        while not server.started:
            if task.done():
                return task.result()
            await asyncio.sleep(0.05)
        print(f"listening on http://127.0.0.1:{port}", flush=True)
        await task

    asyncio.run(serve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
