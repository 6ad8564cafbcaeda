package com.tokyoia.persistence.domain.session;

public enum SessionStatus { ACTIVE, ENDED }
