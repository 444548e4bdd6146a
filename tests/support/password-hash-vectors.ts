// Password hashes of other systems with the passwords they hold, made outside Gatehouse's code at
// test-writing time: bcrypt and argon2 with @node-rs/bcrypt and @node-rs/argon2, Django and
// Keycloak PBKDF2 with Python's hashlib.pbkdf2_hmac, and Firebase's own published scrypt example.
export const BCRYPT = {
  password: "Tr0ub4dor&3 bcrypt",
  hashes: [
    "$2a$05$bdmtQQKKtSPBpEmGUwArke.Pczhd5GrWTJY8WKyBBDHEM.LgBioQ6",
    "$2b$05$emy5XWLt8.vtoRldzDlv5O/DGIvYSSa9FW9oxEm08Ezje4NeGa.0y",
    "$2y$05$Tde6tqBeHBnW8qso1wdNj.ynHeMcVgL8c6cWqeATDIoZdZGDdVszC",
  ],
};
export const ARGON2 = {
  password: "Tr0ub4dor&3 argon2",
  hashes: [
    "$argon2i$v=19$m=4096,t=3,p=2$I4AIgt30GLsZZRROP05SNQ$Twlwnl2aqNGPmb6ZGJ+OGltM/mgmmoEuI+0/MEcmF0Y",
    "$argon2id$v=19$m=8192,t=1,p=1$nhPE7H3hMbzszczOuz6q4g$OSwMyLVnurKymCfgjgnCb6LHDdBdtLt7ivZp9rEoHCk",
    "$argon2d$v=19$m=1024,t=2,p=1$oCVrd+i2UccNoB0N96BEEA$KNgyl+TDqnoWLggHioTZXUegAHjXu3U8sZcWg/gSxQQ",
  ],
};
// python3: base64.b64encode(hashlib.pbkdf2_hmac("sha256", b"Tr0ub4dor&3 django", b"XkIvd2XMG7ra", 600000))
export const DJANGO = {
  password: "Tr0ub4dor&3 django",
  hashes: [
    "pbkdf2_sha256$600000$XkIvd2XMG7ra$CGFP03a920m6+aWyYmBQOohFy0GwprskBEosDXn2B4Q=",
    "pbkdf2_sha512$20000$aQ8rJ0fPcEWu$NidCNU7jWD/w42geZTDssJzOkTQ868nlxeAKF3pckON2Lpy1AcslZUZ+cs5Kvl44O9+RGgAMiatoYn8yixjaKQ==",
  ],
};
// python3: hashlib.pbkdf2_hmac(digest, b"Tr0ub4dor&3 keycloak", bytes(range(16)), iterations, 64)
export const KEYCLOAK = {
  password: "Tr0ub4dor&3 keycloak",
  salt: "AAECAwQFBgcICQoLDA0ODw==",
  sha256: { iterations: 27_500, value: "jfMukFfpqc34NgImV86sLjsLlM8kl8pXzB0CFuF2wTZgxn5i/X5picr7tCcYA1kAP1QmKak8hoUnJjILqjS0ug==" },
  sha512: { iterations: 30_000, value: "UJl+6YOXGo6hMU59MZ2hMD+YK16virNrTAwBcVbZ5Vz7wp7R6d39uHYybz9CB3Y3HhByF0gqhbrDMS3gRf+QFQ==" },
  sha1: { iterations: 20_000, value: "AlLxuNqc4lanzA0AAyG8KEXsjVPq6Bzfzg7/AGOh/HS22m78xRIBWG+mNzYIOjz0twuL2MjMHmKJYSKODSm2ng==" },
};
// Firebase's published example (github.com/firebase/scrypt README): "user1password".
export const FIREBASE = {
  password: "user1password",
  hash: {
    algorithm: "firebase-scrypt", hash: "lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==",
    salt: "42xEC+ixf3L2lw==", signerKey: "jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==",
    saltSeparator: "Bw==", rounds: 8, memCost: 14,
  },
};
