package com.tokyoia.persistence.domain.interaction;

public enum InteractionKind { REQUEST, RESPONSE, DELEGATION, BROADCAST }
